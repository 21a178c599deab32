package io.flightdeck.postflight.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shards the catalogue starts with: read once, at the first start against an empty control
 * database, to seed the catalogue there. From then on the control database is the catalogue and
 * these keys are not read again (see {@code io.flightdeck.postflight.control.ShardCatalogue}).
 */
@ConfigMapping(prefix = "flightdeck.postflight")
public interface ShardConfig {
  /** The shards by id, e.g. {@code flightdeck.postflight.shards."shard-0".port=3307}. */
  Map<String, Shard> shards();

  /** One shard's primary. */
  interface Shard extends ServerConfig {
    /** Schema holding the post-flight tables on this shard. */
    @WithDefault("postflight")
    String database();

    /** Connections in this shard's pool. */
    @WithDefault("16")
    int poolSize();
  }

  /** The configured shards as catalogue entries, ordered by id, with no replicas. */
  static List<ShardDefinition> definitions(ShardConfig config) {
    return new TreeMap<>(config.shards())
        .entrySet().stream()
            .map(
                e ->
                    new ShardDefinition(
                        e.getKey(),
                        ServerConfig.server(e.getValue(), e.getValue().database()),
                        List.of(),
                        e.getValue().poolSize()))
            .toList();
  }
}
