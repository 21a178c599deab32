package io.flightdeck.benchmarks;

import io.flightdeck.flags.Flags;
import io.flightdeck.flags.ReadPath;
import io.flightdeck.flags.UnleashAdmin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Moves one account between read paths, slice after slice, while a {@link ShadowLoad} runs on it:
 * each slice assigns the path in Unleash, waits until the load's answers come from it, lets the
 * requests still queued from the path before drain for the settle time, then counts for the slice's
 * length. The requests due in that last stretch are the slice's; those due while the switch takes
 * effect or settles count nowhere. Both paths thus share the machine's good and bad stretches,
 * which on two shared cores come and go on their own (benchmarks README, runs N to R).
 */
record PathSlices(UnleashAdmin admin, String account, ShadowLoad load, CpuClock cpu) {
  /** A counted slice and the busy cores of each process over it. */
  record Measured(Answers.Slice slice, Map<String, Double> cores) {}

  /** A load's answers and its counted slices. */
  record Run(Answers answers, List<Measured> counted) {}

  /** One way of loading the list, for as long as it is told to go on. */
  interface LoadWhile {
    Answers run(BooleanSupplier going) throws Exception;
  }

  private static final Duration SWITCH_TIMEOUT = Duration.ofSeconds(30);

  /**
   * Runs {@code load} on a thread of its own through {@code uncounted} and then {@code counted}
   * slices ({@link #alternate}); stops it after the last, also when a switch fails.
   */
  Run during(
      LoadWhile load,
      List<ReadPath> paths,
      int uncounted,
      int counted,
      Duration length,
      Duration settle)
      throws Exception {
    AtomicBoolean going = new AtomicBoolean(true);
    ExecutorService runner = Executors.newSingleThreadExecutor();
    try {
      Future<Answers> running = runner.submit(() -> load.run(going::get));
      List<Measured> measured;
      try {
        measured = alternate(paths, uncounted + counted, length, settle);
      } finally {
        going.set(false);
      }
      return new Run(running.get(), measured.subList(uncounted, measured.size()));
    } finally {
      runner.shutdownNow();
    }
  }

  /**
   * {@code slices} slices of {@code length}, taking {@code paths} in turn, each after its switch
   * and {@code settle}; returns once the last is counted.
   */
  private List<Measured> alternate(
      List<ReadPath> paths, int slices, Duration length, Duration settle) throws Exception {
    List<Measured> measured = new ArrayList<>();
    for (int i = 0; i < slices; i++) {
      ReadPath path = paths.get(i % paths.size());
      admin.assign(Flags.READ_PATH, path, account);
      awaitServedBy(path.variantName());
      Thread.sleep(settle.toMillis());
      CpuClock.Reading before = cpu.read();
      Thread.sleep(length.toMillis());
      CpuClock.Reading after = cpu.read();
      measured.add(
          new Measured(
              new Answers.Slice(path.variantName(), before.nanoTime(), after.nanoTime()),
              after.coresSince(before)));
    }
    return measured;
  }

  private void awaitServedBy(String path) throws InterruptedException {
    long deadline = System.nanoTime() + SWITCH_TIMEOUT.toNanos();
    while (!path.equals(load.lastServedBy())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the aggregator did not serve from read path "
                + path
                + " within "
                + SWITCH_TIMEOUT.toSeconds()
                + " s of the switch (last answer from "
                + load.lastServedBy()
                + ")");
      }
      Thread.sleep(5);
    }
  }

  /** The busy cores of each process over {@code slices} of equal length. */
  static Map<String, Double> meanCores(List<Measured> slices) {
    Map<String, Double> mean = new LinkedHashMap<>();
    for (Measured slice : slices) {
      slice.cores().forEach((name, cores) -> mean.merge(name, cores / slices.size(), Double::sum));
    }
    return mean;
  }
}
