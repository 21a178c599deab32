package io.flightdeck.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one phase measured in its window.
 *
 * @param phase the phase's name
 * @param operations successful operations that finished inside the window
 * @param window the measured window's length
 * @param latencies the latency of each of those operations, in microseconds
 * @param errors failures inside the window, by reason
 * @param errorsOutsideWindow failures during warm-up or the drain after the window, by reason
 * @param cpuCores cores busy during the window, by process ({@link CpuClock})
 * @param notes what else the phase observed, one line each (e.g. the outbox left behind)
 */
record PhaseResult(
    String phase,
    long operations,
    Duration window,
    Histogram latencies,
    Map<String, Long> errors,
    Map<String, Long> errorsOutsideWindow,
    Map<String, Double> cpuCores,
    List<String> notes) {

  /** Successful operations per second of the window. */
  double rate() {
    return operations / (window.toNanos() / 1e9);
  }

  /** The latency at a percentile (0–100), in milliseconds; 0 when nothing succeeded. */
  double latencyMillis(double percentile) {
    return operations == 0 ? 0 : latencies.getValueAtPercentile(percentile) / 1000.0;
  }

  /** The same result under another name. */
  PhaseResult named(String name) {
    return new PhaseResult(
        name, operations, window, latencies, errors, errorsOutsideWindow, cpuCores, notes);
  }

  /** The same result with one more note. */
  PhaseResult withNote(String note) {
    List<String> more = new ArrayList<>(notes);
    more.add(note);
    return new PhaseResult(
        phase,
        operations,
        window,
        latencies,
        errors,
        errorsOutsideWindow,
        cpuCores,
        List.copyOf(more));
  }

  long errorCount() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }
}
