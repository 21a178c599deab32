package io.flightdeck.postflight.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How this service reads from shard replicas ({@code flightdeck.postflight.replicas.*}). */
@ConfigMapping(prefix = "flightdeck.postflight.replicas")
public interface ReplicaConfig {
  /**
   * How far behind its primary a replica may be and still serve reads; past it (or with a
   * replication thread stopped) it is taken out of reads.
   */
  @WithDefault("1s")
  Duration maxLag();

  /** Connections in the pool this service keeps to each replica whose role is {@code reads}. */
  @WithDefault("4")
  int poolSize();

  /** How often each instance probes each such replica. */
  @WithDefault("250ms")
  Duration checkInterval();
}
