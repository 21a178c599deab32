package io.flightdeck.benchmarks;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Every benchmark program, one after the other, each with its own servers, then one table of their
 * headline figures, each beside the figure it is compared with (measured in the same program's run)
 * and the services' RSS. A program that fails is reported as failed and the others still run; the
 * exit status is then 1. {@code -Dbench.program=all} runs this (through {@link Benchmarks}).
 */
@Command(
    name = "all",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Runs every benchmark program with its default sizes (or --smoke sizes) and prints one table of their figures.")
public final class AllBenchmarks implements Callable<Integer> {

  /** Every program, in the order they run. */
  static final Map<String, Supplier<BenchmarkProgram>> PROGRAMS = programs();

  @Option(
      names = "--smoke",
      description =
          "Each program at its smoke size: seconds each, to show they work; the figures mean nothing.")
  boolean smoke;

  public static void main(String[] args) {
    System.exit(BenchmarkProgram.execute(new AllBenchmarks(), args));
  }

  private static Map<String, Supplier<BenchmarkProgram>> programs() {
    Map<String, Supplier<BenchmarkProgram>> programs = new LinkedHashMap<>();
    programs.put("InflightTransitions", InflightTransitions::new);
    programs.put("MixedLoad", MixedLoad::new);
    programs.put("PublicPaging", PublicPaging::new);
    programs.put("PostflightReads", PostflightReads::new);
    programs.put("MonthRetirement", MonthRetirement::new);
    programs.put("ShadowLatency", ShadowLatency::new);
    programs.put("SplitUnderLoad", SplitUnderLoad::new);
    programs.put("PivotUnderLoad", PivotUnderLoad::new);
    programs.put("ReplicaReads", ReplicaReads::new);
    programs.put("WriteNodes", WriteNodes::new);
    programs.put("LegacyMigration", LegacyMigration::new);
    return programs;
  }

  /** What one program gave: its exit status, its figures, how long it took. */
  record Outcome(String program, int exitCode, List<Figure> figures, Duration took) {}

  @Override
  public Integer call() {
    Instant start = Instant.now();
    double loadBefore = loadAverage();
    List<Outcome> outcomes = new ArrayList<>();
    PROGRAMS.forEach(
        (name, program) -> {
          System.out.printf("%n=== %s%s ===%n", name, smoke ? " (smoke size)" : "");
          outcomes.add(run(name, program.get(), smoke));
        });
    print(System.out, outcomes, start, loadBefore, smoke);
    return outcomes.stream().allMatch(o -> o.exitCode() == 0) ? 0 : 1;
  }

  /** Runs one program, at its smoke size or its defaults, and keeps what it gave. */
  static Outcome run(String name, BenchmarkProgram program, boolean smoke) {
    long start = System.nanoTime();
    String[] args = smoke ? program.smokeArgs().toArray(String[]::new) : new String[0];
    int exitCode = BenchmarkProgram.execute(program, args);
    return new Outcome(
        name, exitCode, program.figures(), Duration.ofNanos(System.nanoTime() - start));
  }

  /** The summary table of the outcomes of one run that began at {@code start}. */
  static void print(
      PrintStream out, List<Outcome> outcomes, Instant start, double loadBefore, boolean smoke) {
    out.println();
    out.printf(
        "ALL BENCHMARKS%s: %s, %d processors (%s), load average %.2f before, %.2f after%n",
        smoke ? " (SMOKE SIZE: the figures mean nothing)" : "",
        start.truncatedTo(ChronoUnit.SECONDS),
        Runtime.getRuntime().availableProcessors(),
        Setting.processorModel(),
        loadBefore,
        loadAverage());
    out.printf(
        "| %s | %s | %s | %s | %s |%n", "program", "figure", "value", "compared with", "ratio");
    out.println("| --- | --- | --- | --- | --- |");
    for (Outcome outcome : outcomes) {
      if (outcome.exitCode() != 0) {
        out.printf(
            "| %s | FAILED (exit %d), see its output above | | | |%n",
            outcome.program(), outcome.exitCode());
      }
      for (Figure figure : outcome.figures()) {
        out.printf(
            "| %s | %s | %s | %s | %s |%n",
            outcome.program(),
            figure.what(),
            value(figure.value(), figure.unit()),
            figure.against().map(a -> a.what() + ": " + value(a.value(), figure.unit())).orElse(""),
            figure.ratio().map("%.2f"::formatted).orElse(""));
      }
    }
    outcomes.forEach(o -> out.printf("  %s took %d s%n", o.program(), o.took().toSeconds()));
  }

  private static String value(double value, String unit) {
    return (value >= 100 ? "%.0f %s" : "%.2f %s").formatted(value, unit);
  }

  static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
