package io.flightdeck.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The clock and tally of one phase: a warm-up, then a measured window. Operations finishing inside
 * the window count (their latency goes into the histogram); operations finishing during the warm-up
 * or after the window closed do not. Failures are counted wherever they happen, inside the window
 * and outside it apart, by reason. Safe to use from any thread.
 */
final class Measurement {

  private static final Pattern VARYING =
      Pattern.compile("[A-Z]{2}[0-9a-fA-F]{32}|\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z");
  private static final int MAX_REASON = 120;

  private final long warmUpEnds;
  private final long ends;
  private final Duration window;

  /** Latencies in microseconds; resizes itself, 3 significant digits. */
  private final Histogram latencies = new ConcurrentHistogram(3);

  private final LongAdder operations = new LongAdder();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> errorsOutside = new ConcurrentHashMap<>();

  private Measurement(Duration warmUp, Duration window) {
    long now = System.nanoTime();
    this.warmUpEnds = now + warmUp.toNanos();
    this.ends = warmUpEnds + window.toNanos();
    this.window = window;
  }

  /** Starts the clock now. */
  static Measurement start(Duration warmUp, Duration window) {
    return new Measurement(warmUp, window);
  }

  /** True while producers should start new operations (until the window closes). */
  boolean open() {
    return System.nanoTime() < ends;
  }

  /** An operation that began at {@code startNanos} ({@link System#nanoTime()}) succeeded now. */
  void succeeded(long startNanos) {
    long now = System.nanoTime();
    if (now >= warmUpEnds && now < ends) {
      latencies.recordValue(Math.max(1, TimeUnit.NANOSECONDS.toMicros(now - startNanos)));
      operations.increment();
    }
  }

  /**
   * An operation failed now, for this reason. Reasons are counted by text, so what varies from one
   * failure to the next (Sids, instants) is masked and long texts are cut.
   */
  void failed(String reason) {
    String stable = VARYING.matcher(reason).replaceAll("#");
    String shown = stable.length() <= MAX_REASON ? stable : stable.substring(0, MAX_REASON) + "…";
    long now = System.nanoTime();
    Map<String, LongAdder> tally = now >= warmUpEnds && now < ends ? errors : errorsOutside;
    tally.computeIfAbsent(shown, r -> new LongAdder()).increment();
  }

  void failed(Throwable error) {
    failed(error.getClass().getSimpleName() + ": " + error.getMessage());
  }

  void awaitWarmUpEnd() throws InterruptedException {
    sleepUntil(warmUpEnds);
  }

  void awaitWindowEnd() throws InterruptedException {
    sleepUntil(ends);
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
    }
  }

  /** The tally so far, under this phase's name, with the CPU use measured over the window. */
  PhaseResult result(String phase, Map<String, Double> cpuCores, List<String> notes) {
    return new PhaseResult(
        phase,
        operations.sum(),
        window,
        latencies.copy(),
        sums(errors),
        sums(errorsOutside),
        cpuCores,
        List.copyOf(notes));
  }

  private static Map<String, Long> sums(Map<String, LongAdder> tally) {
    Map<String, Long> sums = new TreeMap<>();
    tally.forEach((reason, count) -> sums.put(reason, count.sum()));
    return sums;
  }
}
