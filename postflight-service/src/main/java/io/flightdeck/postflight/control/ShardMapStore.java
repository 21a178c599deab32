package io.flightdeck.postflight.control;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.flightdeck.postflight.routing.MapAgreement;
import io.flightdeck.postflight.routing.MapKind;
import io.flightdeck.postflight.routing.MapValidation;
import io.flightdeck.postflight.routing.MapVersion;
import io.flightdeck.postflight.routing.ShardMap;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.mysqlclient.MySQLException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The read and write maps in the control database, every version kept. A change is a new version,
 * stored only if it passes {@link MapValidation} against the catalogue and is based on the latest
 * version (optimistic concurrency); otherwise nothing is written and the latest stays in force.
 */
@ApplicationScoped
public class ShardMapStore {
  private static final int DUPLICATE_KEY = 1062;
  private static final int DEADLOCK = 1213;

  private final ControlDatabase db;
  private final ShardCatalogue catalogue;

  public ShardMapStore(ControlDatabase db, ShardCatalogue catalogue) {
    this.db = db;
    this.catalogue = catalogue;
  }

  /** A stored version without its content, for the history. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Summary(long version, Instant createdAt) {}

  /**
   * Stores the map as version 1 of its kind if the kind has no version yet; otherwise changes
   * nothing (the version's primary key lets one of two starting instances do it).
   */
  public Uni<Boolean> seedOnce(MapKind kind, ShardMap map) {
    LocalDateTime now = ShardCatalogue.now();
    return db.pool()
        .withTransaction(
            conn ->
                conn.preparedQuery(
                        "INSERT IGNORE INTO shard_map_versions (kind, version, created_at) VALUES (?, 1, ?)")
                    .execute(Tuple.of(kind.wireName(), now))
                    .chain(
                        rows ->
                            rows.rowCount() == 0
                                ? Uni.createFrom().item(false)
                                : MapContentRows.insert(conn, kind, 1, map).replaceWith(true)));
  }

  /**
   * Stores {@code map} as the next version of its kind.
   *
   * @param basedOn the version the caller read and changed
   * @throws InvalidMapException (as the Uni's failure) when the map breaks a rule
   * @throws StaleMapVersionException (as the Uni's failure) when {@code basedOn} is not the latest
   */
  public Uni<MapVersion> publish(MapKind kind, long basedOn, ShardMap map) {
    LocalDateTime now = ShardCatalogue.now();
    return db.pool()
        .withTransaction(
            conn ->
                // The catalogue's lock first: map and catalogue changes happen one after the other,
                // so the other map and the replication checked below are what is in force after.
                // Then the kind's latest version row; should two changes still read the same
                // latest, the primary key refuses the second insert (stale, below).
                ShardCatalogue.lock(conn)
                    .chain(
                        () ->
                            conn.preparedQuery(
                                    "SELECT version FROM shard_map_versions WHERE kind = ? ORDER BY version DESC LIMIT 1 FOR UPDATE")
                                .execute(Tuple.of(kind.wireName())))
                    .map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong("version"))
                    .chain(
                        latest ->
                            catalogue
                                .ids(conn)
                                .map(known -> check(kind, basedOn, latest, map, known)))
                    .call(next -> agrees(conn, kind, map))
                    .chain(
                        next ->
                            conn.preparedQuery(
                                    "INSERT INTO shard_map_versions (kind, version, created_at) VALUES (?, ?, ?)")
                                .execute(Tuple.of(kind.wireName(), next, now))
                                .chain(() -> MapContentRows.insert(conn, kind, next, map))
                                .replaceWith(
                                    new MapVersion(
                                        kind, next, now.toInstant(ZoneOffset.UTC), map))))
        // Two changes racing can deadlock on the version rows' locks; run the loser again, and it
        // sees that it is stale.
        .onFailure(e -> e instanceof MySQLException sql && sql.getErrorCode() == DEADLOCK)
        .retry()
        .atMost(3)
        .onFailure(e -> e instanceof MySQLException sql && sql.getErrorCode() == DUPLICATE_KEY)
        .transform(e -> new StaleMapVersionException(kind, basedOn, basedOn + 1));
  }

  /**
   * Fails with {@link InvalidMapException} when {@code map}, put in force beside the other kind's
   * latest version, would send some account's writes where its reads do not see them.
   */
  private Uni<Void> agrees(SqlClient client, MapKind kind, ShardMap map) {
    MapKind other = kind == MapKind.READ ? MapKind.WRITE : MapKind.READ;
    return latest(client, other)
        .chain(
            otherMap ->
                ShardCatalogue.replication(client)
                    .invoke(
                        replication ->
                            otherMap.ifPresent(
                                o -> {
                                  ShardMap read = kind == MapKind.READ ? map : o.map();
                                  ShardMap write = kind == MapKind.WRITE ? map : o.map();
                                  List<String> problems =
                                      MapAgreement.problems(read, write, replication);
                                  if (!problems.isEmpty()) {
                                    throw new InvalidMapException(problems);
                                  }
                                })))
        .replaceWithVoid();
  }

  /**
   * @return the version to store
   */
  private static long check(
      MapKind kind, long basedOn, long latest, ShardMap map, Set<String> knownShards) {
    List<String> problems = MapValidation.problems(map, knownShards);
    if (!problems.isEmpty()) {
      throw new InvalidMapException(problems);
    }
    if (basedOn != latest) {
      throw new StaleMapVersionException(kind, basedOn, latest);
    }
    return latest + 1;
  }

  /**
   * The latest version number of each kind that has one (one index-only query: what instances
   * poll).
   */
  public Uni<Map<MapKind, Long>> latestVersions() {
    return latestVersions(db.pool());
  }

  private static Uni<Map<MapKind, Long>> latestVersions(SqlClient client) {
    return client
        .query("SELECT kind, MAX(version) AS latest FROM shard_map_versions GROUP BY kind")
        .execute()
        .map(
            rows -> {
              Map<MapKind, Long> latest = new EnumMap<>(MapKind.class);
              rows.forEach(
                  row ->
                      latest.put(
                          MapKind.parse("kind", row.getString("kind")), row.getLong("latest")));
              return latest;
            });
  }

  /** The latest version of a kind; empty before the first start seeded it. */
  public Uni<Optional<MapVersion>> latest(MapKind kind) {
    return latest(db.pool(), kind);
  }

  /** The latest version of a kind, read on the given client (inside its transaction). */
  Uni<Optional<MapVersion>> latest(SqlClient client, MapKind kind) {
    return latestVersions(client)
        .chain(
            latest ->
                latest.containsKey(kind)
                    ? load(client, kind, latest.get(kind))
                    : Uni.createFrom().item(Optional.empty()));
  }

  /** One stored version of a kind, with its ranges and overrides. */
  public Uni<Optional<MapVersion>> load(MapKind kind, long version) {
    return load(db.pool(), kind, version);
  }

  private static Uni<Optional<MapVersion>> load(SqlClient client, MapKind kind, long version) {
    Tuple key = Tuple.of(kind.wireName(), version);
    return client
        .preparedQuery("SELECT created_at FROM shard_map_versions WHERE kind = ? AND version = ?")
        .execute(key)
        .chain(
            head -> {
              if (head.size() == 0) {
                return Uni.createFrom().item(Optional.<MapVersion>empty());
              }
              LocalDateTime createdAt = head.iterator().next().getLocalDateTime("created_at");
              return MapContentRows.ranges(client, key)
                  .chain(
                      ranges ->
                          MapContentRows.overrides(client, key)
                              .map(overrides -> new ShardMap(ranges, overrides)))
                  .map(
                      map ->
                          Optional.of(
                              new MapVersion(
                                  kind, version, createdAt.toInstant(ZoneOffset.UTC), map)));
            });
  }

  /** Every stored version of a kind, newest first. */
  public Uni<List<Summary>> history(MapKind kind) {
    return db.pool()
        .preparedQuery(
            "SELECT version, created_at FROM shard_map_versions WHERE kind = ? ORDER BY version DESC")
        .execute(Tuple.of(kind.wireName()))
        .map(
            rows -> {
              List<Summary> versions = new ArrayList<>();
              rows.forEach(
                  row ->
                      versions.add(
                          new Summary(
                              row.getLong("version"),
                              row.getLocalDateTime("created_at").toInstant(ZoneOffset.UTC))));
              return versions;
            });
  }
}
