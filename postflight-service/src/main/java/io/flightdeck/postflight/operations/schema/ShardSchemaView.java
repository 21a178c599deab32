package io.flightdeck.postflight.operations.schema;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.flightdeck.postflight.store.ShardSchema;
import java.util.List;

/**
 * The schema of every server of a shard ({@code GET /admin/v1/Shards/{id}/Schema}): the version
 * each has applied and the migrations pending there, rolling ones marked; {@code pending} says
 * whether a schema change has work on the shard.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ShardSchemaView(String shard, boolean pending, List<ServerSchema> servers) {

  /** One server: {@code error} set (and the rest empty) when it could not be read. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ServerSchema(
      String name,
      String role,
      String version,
      List<ShardSchema.Pending> pendingMigrations,
      String error) {}

  /** Whether every server was read and has applied the same version with nothing rolling left. */
  public boolean settled() {
    return servers.stream()
            .allMatch(
                s ->
                    s.error() == null
                        && s.pendingMigrations().stream().noneMatch(ShardSchema.Pending::rolling))
        && servers.stream().map(ServerSchema::version).distinct().count() == 1;
  }
}
