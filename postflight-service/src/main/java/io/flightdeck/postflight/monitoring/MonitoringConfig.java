package io.flightdeck.postflight.monitoring;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** What an operator's Prometheus sees of shards, ingest and operations, and when to call it bad. */
@ConfigMapping(prefix = "flightdeck.postflight.monitoring")
public interface MonitoringConfig {
  /**
   * How often shards, ingest and unfinished operations are measured for their gauges (a duration,
   * read by the scheduler from the {@code @Scheduled} expressions of {@link ShardWatch}, {@link
   * IngestWatch} and {@link OperationProgress}, which cannot call this method: it is here so the
   * key has its type, default and description beside the others). One small query per shard and one
   * on the control database each time, never on the request path.
   */
  @WithDefault("5s")
  String interval();

  /**
   * When events have waited in the consumers' partitions this long with nothing stored or
   * dead-lettered meanwhile, ingest counts as stalled: {@code postflight_ingest_stalled} is 1 and
   * the readiness detail {@code ingest} says {@code stalled}.
   */
  @WithDefault("5m")
  Duration ingestStalledAfter();
}
