package io.flightdeck.inflight.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the outbox relay. */
@ConfigMapping(prefix = "flightdeck.outbox")
public interface OutboxConfig {
  /** How many outbox rows of a lane one relay batch publishes at most. */
  @WithDefault("500")
  int batchSize();

  /**
   * How often the relay looks for new rows (a duration; the scheduler's smallest interval is 1s).
   * Lanes are drained concurrently; each lane in id order, a batch at a time. Read by the scheduler
   * from {@link OutboxRelay}'s {@code @Scheduled} expression, which cannot call this method: it is
   * here so the key has its type, default and description beside the others.
   */
  @WithDefault("1s")
  String pollInterval();

  /**
   * When the oldest row of a lane is older than this, the outbox counts as stuck: the readiness
   * detail {@code outbox} says so and {@code inflight_outbox_stuck} is 1.
   */
  @WithDefault("5m")
  Duration stuckAfter();

  /**
   * How often {@link OutboxMonitor} measures the outbox for its gauges (a duration, read by the
   * scheduler like {@link #pollInterval()}): one grouped query on the lane index, never on the
   * request path.
   */
  @WithDefault("5s")
  String metricsInterval();
}
