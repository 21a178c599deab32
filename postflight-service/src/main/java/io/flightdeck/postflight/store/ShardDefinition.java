package io.flightdeck.postflight.store;

import java.util.List;

/**
 * One shard of the catalogue: its id (what the shard maps name), its primary, its replicas in
 * order, and the size of the pool this service keeps to it. Reads and writes go to the primary;
 * replicas are recorded for reads that can later prove a replica has caught up.
 */
public record ShardDefinition(
    String id, DatabaseServer primary, List<DatabaseServer> replicas, int poolSize) {

  public ShardDefinition {
    replicas = List.copyOf(replicas);
  }
}
