package io.flightdeck.benchmarks;

import org.HdrHistogram.Histogram;

/**
 * What {@link SplitLoad}'s probe and the {@link ListReaders} saw in the steady window before an
 * admin operation (a split, the pivots) and while it ran: completion to visible and the list's
 * first page, in µs.
 */
record BeforeAndDuring(
    Histogram visibleBefore, Histogram visibleDuring, Histogram listBefore, Histogram listDuring) {

  /** The windows [steadyStart, start) and [start, end), in {@link System#nanoTime()}. */
  static BeforeAndDuring of(
      SplitLoad load, ListReaders list, long steadyStart, long start, long end) {
    return new BeforeAndDuring(
        load.visible(steadyStart, start),
        load.visible(start, end),
        list.overlapping(steadyStart, start),
        list.overlapping(start, end));
  }

  /**
   * Four latency rows under a header, each named {@code what}, then {@code ", before"} or {@code ",
   * " + during}.
   */
  void print(Report report, String visible, String listed, String during) {
    report.line("");
    report.line("  %-44s %9s %9s %9s %8s", "", "p50 ms", "p99 ms", "max ms", "samples");
    row(report, visible + ", before", visibleBefore);
    row(report, visible + ", " + during, visibleDuring);
    row(report, listed + ", before", listBefore);
    row(report, listed + ", " + during, listDuring);
  }

  static void row(Report report, String name, Histogram h) {
    report.line("  %-44s %s", name, Report.millis(h));
  }

  /** Completion to visible p99 during the operation, beside the figure before it. */
  Figure visibleFigure(String during, String before) {
    return Figure.beside(
        "completion to visible p99 " + during,
        visibleDuring.getValueAtPercentile(99) / 1000.0,
        "ms",
        before,
        visibleBefore.getValueAtPercentile(99) / 1000.0);
  }

  /** The list's p99 during the operation over its p99 before. */
  double listRatio() {
    return (double) listDuring.getValueAtPercentile(99) / listBefore.getValueAtPercentile(99);
  }
}
