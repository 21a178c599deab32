package io.flightdeck.postflight.store;

import java.util.ArrayList;
import java.util.List;

/**
 * One shard of the catalogue: its id (what the shard maps name), its primary, its replicas in order
 * (named, each serving reads or a backup only), and the size of the pool this service keeps to it.
 * Writes go to the primary; reads go to a replica only while it is serving ({@link ReplicaPools}).
 * {@code sessions} is what each session to the shard is set to: a definition that differs only
 * there gets a fresh pool.
 */
public record ShardDefinition(
    String id,
    DatabaseServer primary,
    List<ShardReplica> namedReplicas,
    int poolSize,
    ShardSessions sessions) {

  public ShardDefinition {
    namedReplicas = List.copyOf(namedReplicas);
  }

  /**
   * A shard whose sessions were never renewed (configuration, a new shard), its replicas named by
   * their place and serving reads.
   */
  public ShardDefinition(
      String id, DatabaseServer primary, List<DatabaseServer> replicas, int poolSize) {
    this(id, primary, named(id, replicas), poolSize, ShardSessions.DEFAULT);
  }

  /** Where the replicas listen, in order, whatever their role. */
  public List<DatabaseServer> replicas() {
    return namedReplicas.stream().map(ShardReplica::server).toList();
  }

  /** The replicas that may serve reads. */
  public List<ShardReplica> readers() {
    return namedReplicas.stream().filter(ShardReplica::servesReads).toList();
  }

  private static List<ShardReplica> named(String id, List<DatabaseServer> replicas) {
    List<ShardReplica> named = new ArrayList<>();
    for (int i = 0; i < replicas.size(); i++) {
      named.add(new ShardReplica(ShardReplica.defaultName(id, i + 1), replicas.get(i), true));
    }
    return named;
  }
}
