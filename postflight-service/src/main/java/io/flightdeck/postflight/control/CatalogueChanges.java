package io.flightdeck.postflight.control;

import io.flightdeck.postflight.routing.MapAgreement;
import io.flightdeck.postflight.routing.MapKind;
import io.flightdeck.postflight.routing.MapVersion;
import io.flightdeck.postflight.routing.ShardMap;
import io.flightdeck.postflight.store.DatabaseServer;
import io.flightdeck.postflight.store.ShardDefinition;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Changes of the shard catalogue at run time: a shard added, removed, or marked as replicating from
 * another shard. Each change is one transaction under the catalogue's lock (the lock map changes
 * take too) and moves the catalogue's version, which every instance polls to open or close its
 * pools. A change that the catalogue or the maps in force forbid fails with {@link
 * CatalogueConflictException} and stores nothing.
 */
@ApplicationScoped
public class CatalogueChanges {
  private final ControlDatabase db;
  private final ShardCatalogue catalogue;
  private final ShardMapStore maps;

  public CatalogueChanges(ControlDatabase db, ShardCatalogue catalogue, ShardMapStore maps) {
    this.db = db;
    this.catalogue = catalogue;
    this.maps = maps;
  }

  /**
   * Adds a shard that serves nothing yet (no map names it). Refused when its id is taken, or when
   * its primary is a server and schema another shard uses already (two shards would share rows).
   */
  public Uni<ShardDefinition> add(ShardDefinition shard) {
    return db.pool()
        .withTransaction(
            conn ->
                ShardCatalogue.lock(conn)
                    .chain(() -> catalogue.allOn(conn))
                    .invoke(existing -> refuseClash(shard, existing))
                    .chain(() -> ShardCatalogue.add(conn, shard))
                    .chain(() -> ShardCatalogue.bump(conn))
                    .replaceWith(shard));
  }

  private static void refuseClash(ShardDefinition shard, List<ShardDefinition> existing) {
    for (ShardDefinition other : existing) {
      if (other.id().equals(shard.id())) {
        throw new CatalogueConflictException(
            "id", "shard " + shard.id() + " is in the catalogue already");
      }
      for (DatabaseServer server : servers(other)) {
        if (sameSchema(server, shard.primary())) {
          throw new CatalogueConflictException(
              "primary",
              "%s is a server of shard %s already".formatted(shard.primary(), other.id()));
        }
      }
    }
  }

  private static List<DatabaseServer> servers(ShardDefinition shard) {
    return Stream.concat(Stream.of(shard.primary()), shard.replicas().stream()).toList();
  }

  private static boolean sameSchema(DatabaseServer a, DatabaseServer b) {
    return a.host().equalsIgnoreCase(b.host())
        && a.port() == b.port()
        && a.database().equals(b.database());
  }

  /**
   * Locks the catalogue for this transaction and reads its shard ids, refusing when {@code shard}
   * is none of them: a change to a shard is checked against the catalogue it will change.
   */
  private Uni<Set<String>> lockedWith(SqlConnection conn, String shard) {
    return ShardCatalogue.lock(conn)
        .chain(() -> catalogue.ids(conn))
        .invoke(
            ids -> {
              if (!ids.contains(shard)) {
                throw new UnknownShardException(shard);
              }
            });
  }

  /**
   * Removes a shard that no map version in force names and no shard replicates from; every instance
   * closes its pool to it.
   */
  public Uni<Void> remove(String id) {
    return db.pool()
        .withTransaction(
            conn ->
                lockedWith(conn, id)
                    .chain(() -> inForce(conn))
                    .invoke(
                        inForce ->
                            inForce.forEach(
                                (kind, map) -> {
                                  if (names(map.map(), id)) {
                                    throw new CatalogueConflictException(
                                        "id",
                                        "the %s map version %d names shard %s; move its ranges and overrides away first"
                                            .formatted(kind, map.version(), id));
                                  }
                                }))
                    .chain(() -> ShardCatalogue.replication(conn))
                    .invoke(
                        replication ->
                            replication.forEach(
                                (replica, source) -> {
                                  if (source.equals(id)) {
                                    throw new CatalogueConflictException(
                                        "id", "shard %s replicates from %s".formatted(replica, id));
                                  }
                                }))
                    .chain(
                        () ->
                            conn.preparedQuery("DELETE FROM shard_servers WHERE shard_id = ?")
                                .execute(Tuple.of(id)))
                    .chain(
                        () ->
                            conn.preparedQuery("DELETE FROM shards WHERE id = ?")
                                .execute(Tuple.of(id)))
                    .chain(() -> ShardCatalogue.bump(conn)));
  }

  /**
   * As {@link #replicates}, unless the catalogue says so already: then nothing is written and its
   * version stays, so a step that runs again does not make every instance reload the catalogue.
   */
  public Uni<Void> replicatesUnlessAlready(String shard, Optional<String> source) {
    return catalogue
        .replication()
        .chain(
            replication ->
                Optional.ofNullable(replication.get(shard)).equals(source)
                    ? Uni.createFrom().voidItem()
                    : replicates(shard, source));
  }

  /**
   * Records that {@code shard} applies the writes of {@code source} by replication (a split's
   * target once it replicates), or, with an empty source, that it does no longer (the split's cut).
   * Ending it is refused while the maps in force rely on it: reads on {@code shard} for keys whose
   * writes go to the source.
   */
  public Uni<Void> replicates(String shard, Optional<String> source) {
    return db.pool()
        .withTransaction(
            conn ->
                lockedWith(conn, shard)
                    .invoke(
                        ids -> {
                          source
                              .filter(s -> !ids.contains(s) || s.equals(shard))
                              .ifPresent(
                                  s -> {
                                    throw new CatalogueConflictException(
                                        "replicates_from",
                                        "shard %s cannot replicate from %s".formatted(shard, s));
                                  });
                        })
                    .chain(() -> ShardCatalogue.replication(conn))
                    .chain(
                        replication -> {
                          Map<String, String> after = new HashMap<>(replication);
                          source.ifPresentOrElse(
                              s -> after.put(shard, s), () -> after.remove(shard));
                          return inForce(conn)
                              .invoke(inForce -> refuseDisagreement(inForce, after));
                        })
                    .chain(
                        () ->
                            conn.preparedQuery("UPDATE shards SET replicates_from = ? WHERE id = ?")
                                .execute(Tuple.of(source.orElse(null), shard)))
                    .chain(() -> ShardCatalogue.bump(conn)));
  }

  /**
   * Sets how the shards' servers number new ids, on every session the services open to them, and
   * asks every instance to renew its sessions: the session generation moves on with the catalogue's
   * version, and each instance that follows it replaces its pools (the old ones drain). Renewed are
   * the numbered shards and every other shard whose primary is on one of their servers: a change of
   * a server's global variables is waited out by every session on that server. {@code offsets} maps
   * each shard to its offset. Unknown ids are ignored.
   */
  public Uni<Void> numberIds(int increment, Map<String, Integer> offsets) {
    return db.pool()
        .withTransaction(
            conn ->
                ShardCatalogue.lock(conn)
                    .chain(() -> catalogue.allOn(conn))
                    .chain(
                        all ->
                            conn.preparedQuery(
                                    "UPDATE shards SET session_generation = session_generation + 1"
                                        + " WHERE id = ?")
                                .executeBatch(
                                    sharingAServer(all, offsets.keySet()).stream()
                                        .map(Tuple::of)
                                        .toList()))
                    .chain(
                        () ->
                            conn.preparedQuery(
                                    "UPDATE shards SET id_increment = ?, id_offset = ? WHERE id = ?")
                                .executeBatch(
                                    offsets.entrySet().stream()
                                        .map(e -> Tuple.of(increment, e.getValue(), e.getKey()))
                                        .toList()))
                    .chain(() -> ShardCatalogue.bump(conn)));
  }

  /** The ids of the shards whose primary is on the same server as one of {@code ids}'. */
  private static List<String> sharingAServer(List<ShardDefinition> all, Set<String> ids) {
    Set<String> servers = new HashSet<>();
    all.stream().filter(s -> ids.contains(s.id())).forEach(s -> servers.add(serverOf(s.primary())));
    return all.stream()
        .filter(s -> servers.contains(serverOf(s.primary())))
        .map(ShardDefinition::id)
        .toList();
  }

  private static String serverOf(DatabaseServer server) {
    return server.host().toLowerCase(java.util.Locale.ROOT) + ":" + server.port();
  }

  private static void refuseDisagreement(
      Map<MapKind, MapVersion> inForce, Map<String, String> replication) {
    MapVersion read = inForce.get(MapKind.READ);
    MapVersion write = inForce.get(MapKind.WRITE);
    if (read == null || write == null) {
      return;
    }
    List<String> problems = MapAgreement.problems(read.map(), write.map(), replication);
    if (!problems.isEmpty()) {
      throw new CatalogueConflictException(
          "replicates_from",
          "the maps in force rely on this replication: " + String.join("; ", problems));
    }
  }

  private Uni<Map<MapKind, MapVersion>> inForce(SqlConnection conn) {
    return maps.latest(conn, MapKind.READ)
        .chain(
            read ->
                maps.latest(conn, MapKind.WRITE)
                    .map(
                        write -> {
                          Map<MapKind, MapVersion> both = new HashMap<>();
                          read.ifPresent(r -> both.put(MapKind.READ, r));
                          write.ifPresent(w -> both.put(MapKind.WRITE, w));
                          return both;
                        }));
  }

  private static boolean names(ShardMap map, String shard) {
    return map.ranges().stream().anyMatch(a -> a.shard().equals(shard))
        || map.overrides().containsValue(shard);
  }
}
