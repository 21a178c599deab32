package io.flightdeck.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * How fast the machine ran, as one thread of this process sees it: every {@value #EVERY_MS} ms two
 * fixed units of work, each timed in the thread's own processor time (waiting for a core does not
 * count). A unit of arithmetic in registers, which only a slower core makes longer (on a virtual
 * machine: time the host takes away unseen, a busy hyperthread sibling, a lower clock); and a walk
 * of dependent reads at random places of a {@value #WALK_MB} MB array, which the memory and the
 * caches shared with other work make longer too. A window whose units took longer than the others'
 * was measured on a slower machine.
 *
 * <p>The units cost ~0.1 and ~0.3 ms of processor; the gauge takes about two per cent of a core.
 */
final class SpeedGauge implements AutoCloseable {
  private static final long EVERY_MS = 20;
  private static final int UNIT_STEPS = 100_000;
  private static final int WALK_MB = 16;
  private static final int WALK_STEPS = 1_000;

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final List<long[]> units =
      new ArrayList<>(); // when (ns), processor time (ns): unit, walk
  private final int[] walk = randomCycle(WALK_MB * 1024 * 1024 / Integer.BYTES);
  private final Thread thread;
  private volatile boolean running = true;
  private volatile long sink;

  SpeedGauge() {
    thread = new Thread(this::measure, "speed-gauge");
    thread.setDaemon(true);
    thread.start();
  }

  private void measure() {
    while (running) {
      long before = threads.getCurrentThreadCpuTime();
      long x = sink;
      for (int i = 0; i < UNIT_STEPS; i++) {
        x = x * 31 + i;
      }
      long between = threads.getCurrentThreadCpuTime();
      int at = (int) (x & (walk.length - 1));
      for (int i = 0; i < WALK_STEPS; i++) {
        at = walk[at];
      }
      sink = x + at;
      long after = threads.getCurrentThreadCpuTime();
      synchronized (units) {
        units.add(new long[] {System.nanoTime(), between - before, after - between});
      }
      try {
        TimeUnit.MILLISECONDS.sleep(EVERY_MS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * The median processor time, in µs, of the arithmetic unit and of the walk, as {@code "88 /
   * 310"}, over the units run since {@code since}.
   */
  String mediansSince(long since) {
    return String.format("%4.0f / %4.0f", median(since, 1), median(since, 2));
  }

  private double median(long since, int column) {
    List<Long> window = new ArrayList<>();
    synchronized (units) {
      for (long[] unit : units) {
        if (unit[0] >= since) {
          window.add(unit[column]);
        }
      }
    }
    if (window.isEmpty()) {
      return Double.NaN;
    }
    window.sort(null);
    return window.get(window.size() / 2) / 1000.0;
  }

  /** A single cycle through all of {@code 0..size-1} in random order (Sattolo's shuffle). */
  private static int[] randomCycle(int size) {
    int[] next = new int[size];
    for (int i = 0; i < size; i++) {
      next[i] = i;
    }
    Random random = new Random(1);
    for (int i = size - 1; i > 0; i--) {
      int j = random.nextInt(i);
      int swap = next[i];
      next[i] = next[j];
      next[j] = swap;
    }
    return next;
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
