package io.flightdeck.postflight.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How this service keeps its connections to the shards. */
@ConfigMapping(prefix = "flightdeck.postflight.pools")
public interface ShardPoolConfig {
  /**
   * How long a pooled connection to a shard lives before the pool closes it (once idle) and opens a
   * new one. A session takes a server's global settings when it opens, so this bounds how long
   * sessions opened before a change of them last: a split's {@code auto-increment} step waits for
   * them to be gone (on every instance) before writes move.
   */
  @WithDefault("60s")
  Duration maxLifetime();
}
