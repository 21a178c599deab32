package io.flightdeck.postflight.control;

import io.flightdeck.postflight.store.DatabaseServer;
import io.flightdeck.postflight.store.ShardReplica;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The declarative topology: every shard's primary and replicas by name, each replica's role, and
 * the replication identity each server was declared with. Stored with the shard catalogue (a
 * shard's servers are its rows), changed as a whole through {@code PUT /admin/v1/Topology} or by a
 * pivot, and versioned by the catalogue's version.
 *
 * @param catalogueVersion the catalogue's version the topology was read at
 */
public record Topology(long catalogueVersion, List<Shard> shards) {
  public Topology {
    shards = List.copyOf(shards);
  }

  /** The shard of that id. */
  public Optional<Shard> shard(String id) {
    return shards.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  /**
   * One shard's servers.
   *
   * @param replicatesFrom the shard this one applies by replication (a split's target), if any
   */
  public record Shard(
      String id, Server primary, List<Server> replicas, Optional<String> replicatesFrom) {
    public Shard {
      replicas = List.copyOf(replicas);
    }

    /** The primary, then the replicas. */
    public Stream<Server> servers() {
      return Stream.concat(Stream.of(primary), replicas.stream());
    }

    /** The replica of that name. */
    public Optional<Server> replica(String name) {
      return replicas.stream().filter(r -> r.name().equals(name)).findFirst();
    }
  }

  /**
   * One server of a shard. A primary's role is {@link Role#READS} (it always serves reads).
   *
   * @param serverId its {@code server_id} as declared; empty: read from the server
   * @param gtidDomainId its {@code gtid_domain_id} as declared; empty: read from the server
   */
  public record Server(
      String name,
      DatabaseServer server,
      Role role,
      OptionalLong serverId,
      OptionalLong gtidDomainId) {

    /** Whether this is the same server and schema as {@code other}'s (credentials aside). */
    public boolean sameAs(DatabaseServer other) {
      return server.host().equalsIgnoreCase(other.host())
          && server.port() == other.port()
          && server.database().equals(other.database());
    }
  }

  /** What a replica is for. */
  public enum Role {
    /** Takes read load when it has caught up. */
    READS,
    /** Kept in step for a pivot or a restore; never read from. */
    BACKUP;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The role of that wire name; empty for any other text. */
    public static Optional<Role> parse(String text) {
      return Stream.of(values()).filter(r -> r.wireName().equals(text)).findFirst();
    }
  }

  /**
   * The name a server stored before servers had names gets: the shard's id for its primary, {@code
   * <shard>-replica-<n>} for its n-th replica.
   */
  public static String defaultName(String shard, int ordinal) {
    return ShardReplica.defaultName(shard, ordinal);
  }
}
