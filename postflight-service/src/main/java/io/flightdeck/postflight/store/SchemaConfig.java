package io.flightdeck.postflight.store;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/** Where the shards' schema migrations are ({@code flightdeck.postflight.schema.*}). */
@ConfigMapping(prefix = "flightdeck.postflight.schema")
public interface SchemaConfig {
  /**
   * Flyway locations of the shard migrations, in one version sequence. A migration whose
   * description starts with {@code rolling_} (e.g. {@code V4__rolling_add_calls_note.sql}) is
   * applied only by a schema change ({@code POST /admin/v1/Shards/{id}/SchemaChanges}), replicas
   * first and then by a pivot; every other one as a shard is opened.
   */
  @WithDefault(ShardSchema.MIGRATIONS)
  List<String> locations();
}
