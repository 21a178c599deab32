package io.flightdeck.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * Every answer of one {@link ShadowLoad} run: when its request was due, how long it took and which
 * read path served it (the aggregator's {@code Flightdeck-Read-Path} header). {@link #over(List,
 * String)} sums up the requests due inside a read path's slices of the run, so that one continuous
 * load, its account moved between paths every few seconds, measures each path in the same stretches
 * of the machine's time. Written by the load's event loop, read once the load has returned.
 */
final class Answers {
  /** An answer this slow or slower is part of a stall. */
  private static final long SLOW_MICROS = 20_000;

  /** Slow requests due this close together are one stall. */
  private static final long STALL_GAP_MS = 100;

  /** Answers kept before the columns grow: about a minute at saturation. */
  private static final int INITIAL_CAPACITY = 1 << 18;

  /** A slow request: due (ns, {@link System#nanoTime()}), answered in µs. */
  private record Answer(long due, long micros) {}

  /**
   * Figures over some slices: requests per second counted, their latencies in µs, failures, answers
   * from a path other than the slice's (none while the flag switch behaves), stalls.
   */
  record Result(double rate, Histogram latencies, long errors, long otherPath, List<Stall> stalls) {
    /**
     * One table row: the path, load and slice, rate, p50 and p99 in ms, errors, then the busy
     * {@code cores} of {@code names}, and the answers from the other path if any.
     */
    String line(
        String path, String load, String slice, Map<String, Double> cores, List<String> names) {
      return String.format(
          "%-14s %-11s %6s %9.0f %9.2f %9.2f %7d   %s%s%n",
          path,
          load,
          slice,
          rate,
          latencies.getValueAtPercentile(50) / 1000.0,
          latencies.getValueAtPercentile(99) / 1000.0,
          errors,
          CpuClock.listed(cores, names),
          otherPath == 0 ? "" : "   answered by the other path: " + otherPath);
    }

    /** The stalls in one line (at most ten) ending with a line break, or empty if none. */
    String stallsLine() {
      if (stalls.isEmpty()) {
        return "";
      }
      String listed =
          stalls.stream()
              .limit(10)
              .map(
                  s ->
                      String.format(
                          "%.2f s x%d <= %.0f ms", s.atSeconds(), s.requests(), s.maxMs()))
              .collect(Collectors.joining("; "));
      return String.format(
          "    answers >= %d ms, by when due (s into the run): %s%s%n",
          SLOW_MICROS / 1000,
          listed,
          stalls.size() > 10 ? "; (+" + (stalls.size() - 10) + " more)" : "");
    }
  }

  /**
   * Requests due within {@value #STALL_GAP_MS} ms of each other that were all answered in {@value
   * #SLOW_MICROS} µs or more: when the first was due (seconds into the run), how many, the slowest.
   */
  record Stall(double atSeconds, int requests, double maxMs) {}

  /** A stretch of the run in which {@code path} served: requests due in [from, until) count. */
  record Slice(String path, long from, long until) {
    boolean holds(long due) {
      return due >= from && due < until;
    }
  }

  private final long start;

  /**
   * The answers as columns of primitives, the i-th answer in each, not one object each: a load
   * keeps millions of answers, and as objects they made the benchmark's own collector pause for up
   * to 45 ms, stalls counted against whichever path was measured then. Who served is an index into
   * {@link #paths}, -1 for a failed request.
   */
  private long[] due = new long[INITIAL_CAPACITY];

  private long[] micros = new long[INITIAL_CAPACITY];
  private int[] servedBy = new int[INITIAL_CAPACITY];
  private int size;
  private final List<String> paths = new ArrayList<>();

  Answers(long start) {
    this.start = start;
  }

  /** One answer; {@code servedBy} null when the request failed. */
  void add(long due, long micros, String servedBy) {
    if (size == this.due.length) {
      int grown = size * 2;
      this.due = Arrays.copyOf(this.due, grown);
      this.micros = Arrays.copyOf(this.micros, grown);
      this.servedBy = Arrays.copyOf(this.servedBy, grown);
    }
    this.due[size] = due;
    this.micros[size] = micros;
    this.servedBy[size] = servedBy == null ? -1 : pathIndex(servedBy);
    size++;
  }

  private int pathIndex(String servedBy) {
    int index = paths.indexOf(servedBy);
    if (index < 0) {
      paths.add(servedBy);
      index = paths.size() - 1;
    }
    return index;
  }

  /** The figures of the requests due inside those of {@code slices} that are {@code path}'s. */
  Result over(List<Slice> slices, String path) {
    List<Slice> own = slices.stream().filter(s -> s.path().equals(path)).toList();
    Histogram latencies = new Histogram(3);
    long errors = 0;
    long otherPath = 0;
    List<Answer> slow = new ArrayList<>();
    int served = paths.indexOf(path);
    for (int i = 0; i < size; i++) {
      long when = due[i];
      if (own.stream().noneMatch(slice -> slice.holds(when))) {
        continue;
      }
      if (servedBy[i] < 0) {
        errors++;
      } else if (servedBy[i] != served) {
        otherPath++;
      } else {
        latencies.recordValue(micros[i]);
        if (micros[i] >= SLOW_MICROS) {
          slow.add(new Answer(when, micros[i]));
        }
      }
    }
    double seconds = own.stream().mapToLong(s -> s.until() - s.from()).sum() / 1e9;
    return new Result(
        seconds == 0 ? 0 : latencies.getTotalCount() / seconds,
        latencies,
        errors,
        otherPath,
        stalls(slow));
  }

  private List<Stall> stalls(List<Answer> slow) {
    slow.sort(Comparator.comparingLong(Answer::due));
    List<Stall> stalls = new ArrayList<>();
    long first = 0;
    long last = Long.MIN_VALUE;
    int requests = 0;
    long max = 0;
    for (Answer answer : slow) {
      if (requests > 0 && answer.due() - last > STALL_GAP_MS * 1_000_000) {
        stalls.add(new Stall((first - start) / 1e9, requests, max / 1000.0));
        requests = 0;
        max = 0;
      }
      if (requests == 0) {
        first = answer.due();
      }
      requests++;
      last = answer.due();
      max = Math.max(max, answer.micros());
    }
    if (requests > 0) {
      stalls.add(new Stall((first - start) / 1e9, requests, max / 1000.0));
    }
    return stalls;
  }
}
