package io.flightdeck.postflight.control;

import io.flightdeck.postflight.store.DatabaseServer;
import io.flightdeck.postflight.store.ShardDefinition;
import io.flightdeck.postflight.store.ShardReplica;
import io.flightdeck.postflight.store.ShardSessions;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The shard catalogue in the control database: which shards exist, where their primary and replicas
 * listen, each replica's name and whether it serves reads. Seeded once, at the first start against
 * an empty control database, from the shards in configuration; after that the database is the
 * catalogue and configuration is not read again.
 */
@ApplicationScoped
public class ShardCatalogue {
  private static final String SEED = "catalogue";

  private final ControlDatabase db;

  public ShardCatalogue(ControlDatabase db) {
    this.db = db;
  }

  /**
   * Writes these shards into the catalogue if it was never seeded; otherwise changes nothing. Two
   * instances starting at once seed once: the seed marker's primary key lets one insert it.
   *
   * @return whether this call seeded the catalogue
   */
  public Uni<Boolean> seedOnce(List<ShardDefinition> shards) {
    return db.pool()
        .withTransaction(
            conn ->
                conn.preparedQuery("INSERT IGNORE INTO seeds (name, seeded_at) VALUES (?, ?)")
                    .execute(Tuple.of(SEED, now()))
                    .chain(
                        marker ->
                            marker.rowCount() == 0
                                ? Uni.createFrom().item(false)
                                : insert(conn, shards).replaceWith(true)));
  }

  private static Uni<Void> insert(SqlConnection conn, List<ShardDefinition> shards) {
    if (shards.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<Tuple> rows = new ArrayList<>();
    List<Tuple> servers = new ArrayList<>();
    for (ShardDefinition shard : shards) {
      rows.add(Tuple.of(shard.id(), shard.poolSize(), now()));
      servers.add(
          server(
              shard.id(),
              0,
              Topology.defaultName(shard.id(), 0),
              Topology.Role.READS,
              shard.primary()));
      for (int i = 0; i < shard.namedReplicas().size(); i++) {
        ShardReplica replica = shard.namedReplicas().get(i);
        Topology.Role role = replica.servesReads() ? Topology.Role.READS : Topology.Role.BACKUP;
        servers.add(server(shard.id(), i + 1, replica.name(), role, replica.server()));
      }
    }
    return conn.preparedQuery("INSERT INTO shards (id, pool_size, created_at) VALUES (?, ?, ?)")
        .executeBatch(rows)
        .chain(
            () ->
                conn.preparedQuery(
                        "INSERT INTO shard_servers (shard_id, ordinal, name, role, host, port, username, password, database_name)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .executeBatch(servers))
        .replaceWithVoid();
  }

  private static Tuple server(
      String shard, int ordinal, String name, Topology.Role role, DatabaseServer s) {
    return Tuple.from(
        new Object[] {
          shard,
          ordinal,
          name,
          role.wireName(),
          s.host(),
          s.port(),
          s.user(),
          s.password(),
          s.database()
        });
  }

  /** Every shard of the catalogue, ordered by id. */
  public Uni<List<ShardDefinition>> all() {
    return allOn(db.pool());
  }

  /**
   * Runs {@code work} on every shard of the catalogue, one shard after another in id order (a
   * background task never loads every shard at once); what each run returned, in that order.
   */
  public <T> Uni<List<T>> eachShard(Function<ShardDefinition, Uni<T>> work) {
    return all()
        .onItem()
        .transformToMulti(all -> Multi.createFrom().iterable(all))
        .onItem()
        .transformToUniAndConcatenate(work::apply)
        .collect()
        .asList();
  }

  /** Every shard of the catalogue, read on the given client (inside its transaction). */
  Uni<List<ShardDefinition>> allOn(SqlClient client) {
    return client
        .query(
            "SELECT s.id, s.pool_size, s.session_generation, s.id_increment, s.id_offset, v.ordinal, v.name, v.role, v.host, v.port, v.username, v.password, v.database_name"
                + " FROM shards s JOIN shard_servers v ON v.shard_id = s.id ORDER BY s.id, v.ordinal")
        .execute()
        .map(
            rows ->
                byShard(rows).entrySet().stream()
                    .map(e -> definition(e.getKey(), e.getValue()))
                    .toList());
  }

  /**
   * The rows of {@code shards JOIN shard_servers}, by the shard's {@code id}, in the rows' order.
   */
  static Map<String, List<Row>> byShard(Iterable<Row> rows) {
    Map<String, List<Row>> byShard = new LinkedHashMap<>();
    rows.forEach(
        row -> byShard.computeIfAbsent(row.getString("id"), id -> new ArrayList<>()).add(row));
    return byShard;
  }

  private static ShardDefinition definition(String id, List<Row> servers) {
    List<ShardReplica> replicas = new ArrayList<>();
    DatabaseServer primary = null;
    for (Row row : servers) {
      DatabaseServer server =
          new DatabaseServer(
              row.getString("host"),
              row.getInteger("port"),
              row.getString("username"),
              row.getString("password"),
              row.getString("database_name"));
      int ordinal = row.getInteger("ordinal");
      if (ordinal == 0) {
        primary = server;
      } else {
        String name = row.getString("name");
        replicas.add(
            new ShardReplica(
                name == null ? Topology.defaultName(id, ordinal) : name,
                server,
                Topology.Role.parse(row.getString("role")).orElse(Topology.Role.READS)
                    == Topology.Role.READS));
      }
    }
    if (primary == null) {
      throw new IllegalStateException(
          "the catalogue lists shard " + id + " without a primary (ordinal 0)");
    }
    Row shard = servers.get(0);
    return new ShardDefinition(
        id,
        primary,
        replicas,
        shard.getInteger("pool_size"),
        new ShardSessions(
            shard.getLong("session_generation"),
            shard.getInteger("id_increment"),
            shard.getInteger("id_offset")));
  }

  /** The ids of the catalogue's shards, read on the given connection (inside its transaction). */
  Uni<Set<String>> ids(SqlClient client) {
    return client
        .query("SELECT id FROM shards")
        .execute()
        .map(
            rows -> {
              Set<String> ids = new TreeSet<>();
              rows.forEach(row -> ids.add(row.getString("id")));
              return ids;
            });
  }

  /**
   * The catalogue's version: it moves with every change of the catalogue (what instances poll to
   * open and close their pools).
   */
  public Uni<Long> version() {
    return db.pool()
        .query("SELECT version FROM catalogue_version WHERE name = 'catalogue'")
        .execute()
        .map(rows -> rows.iterator().next().getLong("version"));
  }

  /**
   * Locks the catalogue's version row until the connection's transaction ends: map changes and
   * catalogue changes take this lock first, so they happen one after the other and each checks the
   * other's outcome.
   */
  static Uni<Void> lock(SqlClient client) {
    return client
        .query("SELECT version FROM catalogue_version WHERE name = 'catalogue' FOR UPDATE")
        .execute()
        .replaceWithVoid();
  }

  /** Moves the catalogue's version on, inside the transaction of a change. */
  static Uni<Void> bump(SqlClient client) {
    return client
        .preparedQuery(
            "UPDATE catalogue_version SET version = version + 1, changed_at = ? WHERE name = 'catalogue'")
        .execute(Tuple.of(now()))
        .replaceWithVoid();
  }

  /** For each shard that replicates from another shard, that shard's id. */
  public Uni<Map<String, String>> replication() {
    return replication(db.pool());
  }

  static Uni<Map<String, String>> replication(SqlClient client) {
    return client
        .query("SELECT id, replicates_from FROM shards WHERE replicates_from IS NOT NULL")
        .execute()
        .map(
            rows -> {
              Map<String, String> sources = new TreeMap<>();
              rows.forEach(
                  row -> sources.put(row.getString("id"), row.getString("replicates_from")));
              return sources;
            });
  }

  /** Adds one shard, inside the transaction of a change. */
  static Uni<Void> add(SqlConnection conn, ShardDefinition shard) {
    return insert(conn, List.of(shard));
  }

  /** DATETIME(6) columns of the control database hold UTC. */
  static LocalDateTime now() {
    return LocalDateTime.ofInstant(Instant.now().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
  }
}
