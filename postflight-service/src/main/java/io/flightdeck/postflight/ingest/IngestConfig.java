package io.flightdeck.postflight.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the consumer of completed records treats a shard that does not answer, and for how long. */
@ConfigMapping(prefix = "flightdeck.postflight.ingest")
public interface IngestConfig {
  /**
   * How long one shard's transaction for a batch may take before the shard counts as down for that
   * batch and its records go to the retry topic.
   */
  @WithDefault("10s")
  Duration shardTimeout();

  /** How old a record on the retry topic must be before it is tried again. */
  @WithDefault("5s")
  Duration retryDelay();

  /**
   * How many times a record's shard may fail it (or be skipped as down) before the record is
   * dead-lettered as {@code exhausted} instead of waiting on the retry topic again. 720 is about an
   * hour at the default retry delay; 1 dead-letters at the first failure.
   */
  @WithDefault("720")
  int maxAttempts();

  /**
   * How long a stored record's confirmation may wait, per batch, for the shard that serves its
   * reads to apply the commit, when that is not the shard written (a split's target that still
   * replicates the source). Past it the record waits on the retry topic, uncounted.
   */
  @WithDefault("2s")
  Duration replicaWait();

  /**
   * How long a batch whose shard refuses writes as {@code read_only} (a pivot's write block) is
   * held and tried again, routed afresh, before the shard counts as down and its records go to the
   * retry topic. Longer than a pivot's write block.
   */
  @WithDefault("5s")
  Duration readOnlyWait();
}
