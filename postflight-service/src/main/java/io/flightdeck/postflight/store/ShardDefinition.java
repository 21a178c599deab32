package io.flightdeck.postflight.store;

import java.util.List;

/**
 * One shard of the catalogue: its id (what the shard maps name), its primary, its replicas in
 * order, and the size of the pool this service keeps to it. Reads and writes go to the primary;
 * replicas are recorded for reads that can later prove a replica has caught up. {@code sessions} is
 * what each session to the shard is set to: a definition that differs only there gets a fresh pool.
 */
public record ShardDefinition(
    String id,
    DatabaseServer primary,
    List<DatabaseServer> replicas,
    int poolSize,
    ShardSessions sessions) {

  public ShardDefinition {
    replicas = List.copyOf(replicas);
  }

  /** A shard whose sessions were never renewed (configuration, a new shard). */
  public ShardDefinition(
      String id, DatabaseServer primary, List<DatabaseServer> replicas, int poolSize) {
    this(id, primary, replicas, poolSize, ShardSessions.DEFAULT);
  }
}
