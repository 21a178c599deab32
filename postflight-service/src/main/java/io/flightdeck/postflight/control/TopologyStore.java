package io.flightdeck.postflight.control;

import io.flightdeck.postflight.store.DatabaseServer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The {@link Topology} as the control database holds it: the catalogue's shards and their servers,
 * read together with the catalogue's version, and changed under the catalogue's lock (so map
 * changes, catalogue changes and topology changes happen one after the other), each change moving
 * the catalogue's version so that every instance reopens its pools to a shard whose primary moved.
 * A change resets the serving state of every reads replica whose server changed ({@link
 * ReplicaStates#reset}): the old primary after a pivot starts {@code catching-up}, never {@code
 * serving}.
 */
@ApplicationScoped
public class TopologyStore {
  private final ControlDatabase db;

  public TopologyStore(ControlDatabase db) {
    this.db = db;
  }

  /** The topology in force. */
  public Uni<Topology> read() {
    return db.pool()
        .query("SELECT version FROM catalogue_version WHERE name = 'catalogue'")
        .execute()
        .map(rows -> rows.iterator().next().getLong("version"))
        .chain(version -> readOn(db.pool(), version));
  }

  private static Uni<Topology> readOn(SqlClient client, long version) {
    return client
        .query(
            "SELECT s.id, s.replicates_from, v.ordinal, v.name, v.role, v.server_id, v.gtid_domain_id,"
                + " v.host, v.port, v.username, v.password, v.database_name"
                + " FROM shards s JOIN shard_servers v ON v.shard_id = s.id ORDER BY s.id, v.ordinal")
        .execute()
        .map(
            rows ->
                new Topology(
                    version,
                    ShardCatalogue.byShard(rows).values().stream()
                        .map(TopologyStore::shard)
                        .toList()));
  }

  private static Topology.Shard shard(List<Row> rows) {
    Topology.Server primary = null;
    List<Topology.Server> replicas = new ArrayList<>();
    for (Row row : rows) {
      Topology.Server server = server(row);
      if (row.getInteger("ordinal") == 0) {
        primary = server;
      } else {
        replicas.add(server);
      }
    }
    Row first = rows.get(0);
    if (primary == null) {
      throw new IllegalStateException(
          "the catalogue lists shard " + first.getString("id") + " without a primary");
    }
    return new Topology.Shard(
        first.getString("id"),
        primary,
        replicas,
        Optional.ofNullable(first.getString("replicates_from")));
  }

  private static Topology.Server server(Row row) {
    String name = row.getString("name");
    return new Topology.Server(
        name == null ? Topology.defaultName(row.getString("id"), row.getInteger("ordinal")) : name,
        new DatabaseServer(
            row.getString("host"),
            row.getInteger("port"),
            row.getString("username"),
            row.getString("password"),
            row.getString("database_name")),
        Topology.Role.parse(row.getString("role")).orElse(Topology.Role.READS),
        optional(row.getLong("server_id")),
        optional(row.getLong("gtid_domain_id")));
  }

  private static OptionalLong optional(Long value) {
    return value == null ? OptionalLong.empty() : OptionalLong.of(value);
  }

  /**
   * Makes the servers of the catalogue's shards those of {@code wanted} (validated already), when
   * the catalogue is still at {@code basedOn} (empty: whatever it is at). Shards whose servers are
   * unchanged keep their rows.
   *
   * @return the topology stored
   * @throws CatalogueConflictException when the catalogue moved on since {@code basedOn}, or the
   *     shard ids are not the catalogue's
   */
  public Uni<Topology> replace(Topology wanted, OptionalLong basedOn) {
    return db.pool()
        .withTransaction(
            conn ->
                ShardCatalogue.lock(conn)
                    .chain(() -> version(conn))
                    .chain(
                        version -> {
                          if (basedOn.isPresent() && basedOn.getAsLong() != version) {
                            throw new CatalogueConflictException(
                                "catalogue_version",
                                "the topology was read at catalogue version %d; it is at %d now: read it again"
                                    .formatted(basedOn.getAsLong(), version));
                          }
                          return readOn(conn, version);
                        })
                    .chain(current -> store(conn, current, wanted)))
        .chain(this::read);
  }

  private static Uni<Boolean> store(SqlConnection conn, Topology current, Topology wanted) {
    Set<String> have = ids(current);
    Set<String> want = ids(wanted);
    if (!have.equals(want)) {
      throw new CatalogueConflictException(
          "shards",
          "the topology must list exactly the catalogue's shards %s, got %s; add a shard with POST /admin/v1/Shards"
              .formatted(have, want));
    }
    List<Topology.Shard> changed =
        wanted.shards().stream()
            .filter(s -> !sameServers(s, current.shard(s.id()).orElseThrow()))
            .toList();
    if (changed.isEmpty()) {
      return Uni.createFrom().item(false);
    }
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (Topology.Shard shard : changed) {
      Topology.Shard before = current.shard(shard.id()).orElseThrow();
      chain =
          chain
              .chain(() -> rewrite(conn, shard))
              .chain(() -> ReplicaStates.reset(conn, before, shard));
    }
    return chain.chain(() -> ShardCatalogue.bump(conn)).replaceWith(true);
  }

  private static Uni<Void> rewrite(SqlConnection conn, Topology.Shard shard) {
    List<Tuple> rows = new ArrayList<>();
    rows.add(row(shard.id(), 0, shard.primary()));
    for (int i = 0; i < shard.replicas().size(); i++) {
      rows.add(row(shard.id(), i + 1, shard.replicas().get(i)));
    }
    return conn.preparedQuery("DELETE FROM shard_servers WHERE shard_id = ?")
        .execute(Tuple.of(shard.id()))
        .chain(
            () ->
                conn.preparedQuery(
                        "INSERT INTO shard_servers (shard_id, ordinal, name, role, server_id, gtid_domain_id,"
                            + " host, port, username, password, database_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .executeBatch(rows))
        .replaceWithVoid();
  }

  private static Tuple row(String shard, int ordinal, Topology.Server s) {
    DatabaseServer d = s.server();
    return Tuple.from(
        new Object[] {
          shard,
          ordinal,
          s.name(),
          s.role().wireName(),
          s.serverId().isPresent() ? s.serverId().getAsLong() : null,
          s.gtidDomainId().isPresent() ? s.gtidDomainId().getAsLong() : null,
          d.host(),
          d.port(),
          d.user(),
          d.password(),
          d.database()
        });
  }

  /**
   * Makes the replica {@code candidate} the shard's primary and the primary a replica in its place
   * with its role (a pivot's catalogue step). Idempotent: done already, it changes nothing.
   *
   * @return whether the catalogue changed
   */
  public Uni<Boolean> promote(String shard, String candidate) {
    return db.pool()
        .withTransaction(
            conn ->
                ShardCatalogue.lock(conn)
                    .chain(() -> version(conn))
                    .chain(version -> readOn(conn, version))
                    .chain(
                        topology -> {
                          Topology.Shard current =
                              topology
                                  .shard(shard)
                                  .orElseThrow(() -> new UnknownShardException(shard));
                          if (current.primary().name().equals(candidate)) {
                            return Uni.createFrom().item(false);
                          }
                          return store(conn, topology, swapped(topology, current, candidate));
                        }));
  }

  private static Topology swapped(Topology topology, Topology.Shard shard, String candidate) {
    Topology.Server promoted =
        shard
            .replica(candidate)
            .orElseThrow(
                () ->
                    new CatalogueConflictException(
                        "to", "shard %s has no replica %s".formatted(shard.id(), candidate)));
    Topology.Server old = shard.primary();
    List<Topology.Server> replicas =
        shard.replicas().stream()
            .map(
                r ->
                    r.name().equals(candidate)
                        ? new Topology.Server(
                            old.name(),
                            old.server(),
                            promoted.role(),
                            old.serverId(),
                            old.gtidDomainId())
                        : r)
            .toList();
    Topology.Shard after =
        new Topology.Shard(
            shard.id(),
            new Topology.Server(
                promoted.name(),
                promoted.server(),
                Topology.Role.READS,
                promoted.serverId(),
                promoted.gtidDomainId()),
            replicas,
            shard.replicatesFrom());
    return new Topology(
        topology.catalogueVersion(),
        topology.shards().stream().map(s -> s.id().equals(shard.id()) ? after : s).toList());
  }

  private static Uni<Long> version(SqlClient client) {
    return client
        .query("SELECT version FROM catalogue_version WHERE name = 'catalogue'")
        .execute()
        .map(rows -> rows.iterator().next().getLong("version"));
  }

  private static Set<String> ids(Topology topology) {
    return topology.shards().stream()
        .map(Topology.Shard::id)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static boolean sameServers(Topology.Shard a, Topology.Shard b) {
    return a.primary().equals(b.primary()) && a.replicas().equals(b.replicas());
  }
}
