package io.flightdeck.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every benchmark program runs at its smoke size (seconds of load, small data) against its real
 * servers, completes and reports its figures: a program that no longer starts fails the build. How
 * fast anything is, is not asserted; the summary table is printed at the end, marked smoke size.
 */
class BenchmarkProgramsSmokeIT {

  private static final Instant START = Instant.now();
  private static final double LOAD_BEFORE = AllBenchmarks.loadAverage();
  private static final List<AllBenchmarks.Outcome> OUTCOMES = new CopyOnWriteArrayList<>();

  static Stream<String> programs() {
    return AllBenchmarks.PROGRAMS.keySet().stream();
  }

  @ParameterizedTest
  @MethodSource("programs")
  void completesAtSmokeSizeAndReportsItsFigures(String name) {
    AllBenchmarks.Outcome outcome =
        AllBenchmarks.run(name, AllBenchmarks.PROGRAMS.get(name).get(), true);
    OUTCOMES.add(outcome);

    assertThat(outcome.exitCode()).as(name + "'s exit status").isZero();
    assertThat(outcome.figures()).as(name + "'s figures").isNotEmpty();
    assertThat(outcome.figures())
        .as(name + "'s figures are numbers")
        .allSatisfy(figure -> assertThat(figure.value()).isFinite());
  }

  @AfterAll
  static void printTheSummary() {
    AllBenchmarks.print(System.out, OUTCOMES, START, LOAD_BEFORE, true);
  }
}
