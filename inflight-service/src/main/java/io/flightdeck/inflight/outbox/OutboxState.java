package io.flightdeck.inflight.outbox;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One measurement of the outbox: rows and oldest row time per lane. Built by {@link OutboxMonitor}
 * and then only read; {@code measured} is false until the first query answered.
 */
public final class OutboxState {
  private final long[] depths;
  private final Instant[] oldest;
  private final boolean measured;

  private OutboxState(long[] depths, Instant[] oldest, boolean measured) {
    this.depths = depths;
    this.oldest = oldest;
    this.measured = measured;
  }

  static OutboxState unmeasured(int lanes) {
    return new OutboxState(new long[lanes], new Instant[lanes], false);
  }

  /** Adds one node's rows of a lane: depths add up, the oldest row is the older one. */
  void add(int lane, long depth, Instant oldestRow) {
    depths[lane] += depth;
    if (oldest[lane] == null || (oldestRow != null && oldestRow.isBefore(oldest[lane]))) {
      oldest[lane] = oldestRow;
    }
  }

  OutboxState measured() {
    return new OutboxState(depths, oldest, true);
  }

  public boolean isMeasured() {
    return measured;
  }

  public long depth(int lane) {
    return depths[lane];
  }

  /** The time of the lane's oldest row, or null when the lane is empty. */
  public Instant oldest(int lane) {
    return oldest[lane];
  }

  public long totalDepth() {
    return Arrays.stream(depths).sum();
  }

  /** The oldest row of all lanes. */
  public Optional<Instant> oldest() {
    return Arrays.stream(oldest).filter(Objects::nonNull).min(Instant::compareTo);
  }
}
