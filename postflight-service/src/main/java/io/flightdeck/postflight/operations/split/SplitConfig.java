package io.flightdeck.postflight.operations.split;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How a split deletes the rows each side no longer owns ({@code flightdeck.postflight.split.*}).
 */
@ConfigMapping(prefix = "flightdeck.postflight.split")
public interface SplitConfig {
  /** Rows read, and at most deleted, per chunk: each chunk is one short transaction. */
  @WithDefault("500")
  int deleteChunk();

  /**
   * The pause after each chunk that deleted rows, so that the shard's other work (ingest, reads)
   * and its replicas keep up.
   */
  @WithDefault("20ms")
  Duration deletePause();

  /**
   * How far a shard's replicas (in the catalogue) may fall behind its primary while it deletes:
   * past this after a chunk, the deletion stops and is tried again from its cursor later.
   */
  @WithDefault("1s")
  Duration maxReplicaLag();
}
