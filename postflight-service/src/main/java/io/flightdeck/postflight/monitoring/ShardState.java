package io.flightdeck.postflight.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A shard as last measured: whether it answered with the current schema, and the last-updated time
 * of the newest record it holds (kept from an earlier measurement while the shard is down, so the
 * age goes on growing).
 */
record ShardState(boolean measured, boolean up, Optional<Instant> newest) {
  static final ShardState UNMEASURED = new ShardState(false, false, Optional.empty());

  ShardState down() {
    return new ShardState(true, false, newest);
  }

  /** 1 up, 0 down, NaN before the first measurement (so no alert fires on a shard just added). */
  double upValue() {
    return !measured ? Double.NaN : up ? 1 : 0;
  }

  /** Seconds since the newest record's last update; NaN while the shard holds none (or unknown). */
  double newestAgeSeconds(Instant now) {
    return newest
        .map(n -> Math.max(0, Duration.between(n, now).toMillis()) / 1000.0)
        .orElse(Double.NaN);
  }
}
