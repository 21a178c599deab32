package io.flightdeck.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The report of one run: its setting, one line per phase and concurrency, the ratios against the
 * goals, errors and notes. With several concurrencies, a ratio compares each phase's best rate: the
 * most the service and the baseline each do on this machine, at whichever concurrency suits each.
 */
final class ResultTable {

  /**
   * The goals: the service at least half the raw ceiling, and at least twice the legacy
   * combined store (the goal is for the mixed load, {@link MixedLoad}; here, updates alone).
   */
  private static final double GOAL_VERSUS_RAW = 0.5;

  private static final double GOAL_VERSUS_LEGACY = 2.0;

  /** One phase measured at one concurrency. */
  record Run(int producers, PhaseResult result) {}

  private final Setting setting;
  private final List<Run> runs;
  private final List<PhaseResult> results;

  ResultTable(Setting setting, List<Run> runs) {
    this.setting = setting;
    this.runs = List.copyOf(runs);
    this.results = this.runs.stream().map(this::labelled).toList();
  }

  /** A phase's result named for the table: with its concurrency when the run swept several. */
  private PhaseResult labelled(Run run) {
    return setting.producers().size() < 2
        ? run.result()
        : run.result().named(run.result().phase() + " x" + run.producers());
  }

  void print(PrintStream out) {
    out.println();
    out.printf("== inflight-service transitions, %s ==%n", setting.started());
    out.printf(
        "machine   %d cores (%s), load average %.2f before the run; %s; MariaDB %s, %d in-flight node(s)%n",
        setting.cores(),
        setting.processor(),
        setting.loadAverage(),
        setting.java(),
        setting.mariaDb(),
        setting.inflightNodes());
    out.printf(
        "workload  %s producers, one operation in flight each; per phase %d s warm-up, then %d s measured;%n",
        setting.producers().stream().map(String::valueOf).collect(Collectors.joining(" and ")),
        setting.warmUpSeconds(),
        setting.seconds());
    out.printf(
        "          %d calls (rows) per producer; initiated -> ringing -> in-progress, then completed for %.0f%% of calls"
            + " (%.0f%% of transitions terminal)%n%n",
        setting.callsPerProducer(),
        setting.completedShare() * 100,
        CallJourney.terminalShare(setting.completedShare()) * 100);
    Set<String> processes = new LinkedHashSet<>();
    results.forEach(result -> processes.addAll(result.cpuCores().keySet()));
    StringBuilder header =
        new StringBuilder(
            String.format(
                "%-18s %9s %8s %8s %9s %7s  | busy cores:",
                "phase", "ops/s", "p50 ms", "p99 ms", "ops", "errors"));
    processes.forEach(name -> header.append(String.format(" %9s", name)));
    out.println(header);
    for (PhaseResult result : results) {
      StringBuilder line =
          new StringBuilder(
              String.format(
                  "%-18s %9.1f %8.2f %8.2f %9d %7d  |            ",
                  result.phase(),
                  result.rate(),
                  result.latencyMillis(50),
                  result.latencyMillis(99),
                  result.operations(),
                  result.errorCount()));
      processes.forEach(
          name -> line.append(String.format(" %9.2f", result.cpuCores().getOrDefault(name, 0.0))));
      out.println(line);
    }
    out.println();
    ratio(out, "raw ceiling", GOAL_VERSUS_RAW);
    ratio(out, "legacy store", GOAL_VERSUS_LEGACY);
    details(out);
  }

  /** The service's rate beside each baseline that ran, for the summary of every benchmark. */
  List<Figure> figures() {
    List<Figure> figures = new ArrayList<>();
    phase("service")
        .ifPresent(
            service -> {
              for (String baseline : List.of("raw ceiling", "legacy store")) {
                phase(baseline)
                    .ifPresent(
                        other ->
                            figures.add(
                                Figure.beside(
                                    "service transitions/s",
                                    service.rate(),
                                    "ops/s",
                                    baseline + " (updates alone)",
                                    other.rate())));
              }
            });
    return figures;
  }

  private void ratio(PrintStream out, String other, double goal) {
    Optional<Run> service = best("service");
    Optional<Run> baseline = best(other);
    if (service.isEmpty() || baseline.isEmpty() || baseline.get().result().rate() == 0) {
      return;
    }
    double ratio = service.get().result().rate() / baseline.get().result().rate();
    out.printf(
        "service / %-15s %5.2f   goal >= %.1f: %s%s%n",
        other,
        ratio,
        goal,
        ratio >= goal ? "met" : "NOT met",
        setting.producers().size() < 2
            ? ""
            : " (best of each: %d and %d producers)"
                .formatted(service.get().producers(), baseline.get().producers()));
  }

  private void details(PrintStream out) {
    for (PhaseResult result : results) {
      cpuPerOperation(out, result);
      errors(out, result.phase() + ", errors in the window", result.errors());
      errors(out, result.phase() + ", errors in warm-up or drain", result.errorsOutsideWindow());
      result.notes().forEach(note -> out.printf("%s: %s%n", result.phase(), note));
    }
  }

  /**
   * Processor time per operation, by process: what one transition costs each part, whatever the
   * machine's load.
   */
  private static void cpuPerOperation(PrintStream out, PhaseResult result) {
    if (result.operations() == 0) {
      return;
    }
    List<String> parts =
        result.cpuCores().entrySet().stream()
            .filter(
                cores ->
                    !cores.getKey().equals(CpuClock.MACHINE)
                        && !cores.getKey().equals(CpuClock.OTHER))
            .map(
                cores ->
                    "%s %.3f".formatted(cores.getKey(), cores.getValue() / result.rate() * 1000))
            .toList();
    out.printf("%s: CPU ms per operation: %s%n", result.phase(), String.join(", ", parts));
  }

  private static void errors(PrintStream out, String title, Map<String, Long> errors) {
    errors.forEach((reason, count) -> out.printf("%s: %d x %s%n", title, count, reason));
  }

  private Optional<PhaseResult> phase(String name) {
    return best(name).map(Run::result);
  }

  /** The phase's run with the highest rate, over every concurrency. */
  private Optional<Run> best(String name) {
    return runs.stream()
        .filter(run -> run.result().phase().equals(name))
        .max(Comparator.comparingDouble(run -> run.result().rate()));
  }
}
