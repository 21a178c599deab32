package io.flightdeck.postflight.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;

/**
 * The shard catalogue as configuration: each shard's primary. (A later step moves the catalogue into
 * the control database; pools are already built at run time from whatever it lists.)
 */
@ConfigMapping(prefix = "flightdeck.postflight")
public interface ShardConfig {
  /** The shards by id, e.g. {@code flightdeck.postflight.shards."shard-0".port=3307}. */
  Map<String, Shard> shards();

  /** One shard's primary. */
  interface Shard {
    /** Host of the shard's primary. */
    @WithDefault("127.0.0.1")
    String host();

    /** Port of the shard's primary. */
    int port();

    /** Database user. */
    @WithDefault("flightdeck")
    String user();

    /** Database password. */
    @WithDefault("flightdeck")
    String password();

    /** Schema holding the post-flight tables on this shard. */
    @WithDefault("postflight")
    String database();

    /** Connections in this shard's pool. */
    @WithDefault("16")
    int poolSize();
  }
}
