package io.flightdeck.benchmarks;

import io.flightdeck.benchmarks.MixedLoad.DesignResult;
import java.util.List;

/**
 * {@link MixedLoad}'s table: the designs' transitions and lists side by side, and the split
 * design's ratios to the legacy store's (bare UPDATEs, and through inflight-service's legacy write
 * path).
 */
final class MixedLoadTable {
  private static final double GOAL_SPLIT_VERSUS_LEGACY = 2.0;

  private MixedLoadTable() {}

  /** Prints the table; returns the headline figures, the split design's beside the legacy's. */
  static List<Figure> print(MixedLoad run, List<DesignResult> results) {
    System.out.println();
    System.out.printf(
        "Mixed load: %d writers, %d readers (%s), %d accounts per design, %d s measured after %d s"
            + " warm-up; split design on %s%n",
        run.writers,
        run.readers,
        run.readLoad(),
        run.accounts,
        run.seconds,
        run.warmUpSeconds,
        run.inflightNodes.described());
    System.out.printf(
        "%-14s %14s %9s %9s %9s %9s %9s %7s %7s%n",
        "design",
        "transitions/s",
        "p50 ms",
        "p99 ms",
        "lists/s",
        "p50 ms",
        "p99 ms",
        "w err",
        "r err");
    for (DesignResult result : results) {
      System.out.printf(
          "%-14s %14.0f %9.2f %9.2f %9.0f %9.2f %9.2f %7d %7d%n",
          result.design(),
          result.writes().rate(),
          result.writes().latencyMillis(50),
          result.writes().latencyMillis(99),
          result.lists().rate(),
          result.lists().latencyMillis(50),
          result.lists().latencyMillis(99),
          result.writes().errorCount(),
          result.lists().errorCount());
    }
    for (DesignResult result : results) {
      System.out.printf("busy cores, %s:", result.design());
      result.cores().forEach((name, value) -> System.out.printf("  %s %.2f", name, value));
      System.out.println();
      for (PhaseResult phase : List.of(result.writes(), result.lists())) {
        phase.errors().forEach((reason, n) -> System.out.printf("  error ×%d: %s%n", n, reason));
        phase.notes().forEach(note -> System.out.printf("  %s%n", note));
      }
    }
    DesignResult legacy = results.get(0);
    DesignResult legacyPath = results.get(1);
    DesignResult split = results.get(2);
    Figure transitions =
        Figure.beside(
            "split transitions/s (mixed load)",
            split.writes().rate(),
            "ops/s",
            "legacy store, same load",
            legacy.writes().rate());
    Figure throughService =
        Figure.beside(
            "split transitions/s (mixed load)",
            split.writes().rate(),
            "ops/s",
            "legacy store through inflight-service's legacy write path, same load",
            legacyPath.writes().rate());
    Figure listP99 =
        Figure.beside(
            "split list p99 (mixed load)",
            split.lists().latencyMillis(99),
            "ms",
            "legacy store, same load",
            legacy.lists().latencyMillis(99));
    System.out.printf(
        "split / legacy store: transitions/s %s (goal ≥ %.1f), list p99 %s%n",
        transitions.ratio().map("%.2f"::formatted).orElse("–"),
        GOAL_SPLIT_VERSUS_LEGACY,
        listP99.ratio().map("%.2f"::formatted).orElse("–"));
    System.out.printf(
        "split / legacy path (both through inflight-service): transitions/s %s (goal ≥ %.1f)%n",
        throughService.ratio().map("%.2f"::formatted).orElse("–"), GOAL_SPLIT_VERSUS_LEGACY);
    return List.of(transitions, throughService, listP99);
  }
}
