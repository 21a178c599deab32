package io.flightdeck.postflight.routing;

import io.flightdeck.postflight.store.ReplicaPools.ReplicaKey;
import io.flightdeck.postflight.store.Shards;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the shard for an account's writes and for its reads, by the read and write maps in force
 * at this instance. The two maps are kept apart so that, during a shard split, reads can move
 * before writes. The maps come from the control database ({@link #apply}, called by the control
 * plane when it sees a new version); until the first maps arrive nothing routes. Thread-safe: a
 * lookup sees one whole map, old or new, never a mix.
 */
@ApplicationScoped
public class Routing {
  private final Shards shards;
  private volatile MapVersion writeMap;
  private volatile MapVersion readMap;
  private volatile Map<String, String> replicatesFrom = Map.of();

  public Routing(Shards shards) {
    this.shards = shards;
  }

  /** Where this account's records are written, if the write map and the catalogue both know it. */
  public Optional<Route> forWrite(String accountSid) {
    return route(writeMap, accountSid);
  }

  /**
   * The shard the write map names for this account, whether or not this instance has its pool open
   * yet (a shard added to the catalogue a moment ago).
   */
  public Optional<String> writeShard(String accountSid) {
    MapVersion map = writeMap;
    return map == null ? Optional.empty() : map.map().shardFor(accountSid);
  }

  /**
   * The shard the read map names for this account, whether or not this instance has its pool open.
   */
  public Optional<String> readShard(String accountSid) {
    MapVersion map = readMap;
    return map == null ? Optional.empty() : map.map().shardFor(accountSid);
  }

  /**
   * Where this account's records are read from: a serving replica of the shard the read map names
   * ({@link io.flightdeck.postflight.store.ReplicaPools#forRead}), else its primary. Only a shard
   * in its steady state is read from a replica: the write map names it too, and it replicates from
   * no other shard. Confirmations wait for the replicas of the shard written, so during a split
   * (reads on a target that still applies the source's writes) the primaries serve.
   */
  public Optional<Route> forRead(String accountSid) {
    Optional<Route> primary = route(readMap, accountSid);
    if (primary.isEmpty()
        || replicatesFrom.containsKey(primary.get().shard())
        || !writeShard(accountSid).equals(Optional.of(primary.get().shard()))) {
      return primary;
    }
    String shard = primary.get().shard();
    return shards
        .replicas()
        .forRead(shard)
        .map(r -> new Route(shard, r.pool(), Optional.of(r.key())))
        .or(() -> primary);
  }

  /** The shard's primary, to read from when a replica could not answer. */
  public Optional<Route> primaryOf(String shard) {
    return shards.pool(shard).map(pool -> new Route(shard, pool));
  }

  /**
   * Puts a map version in force, unless this instance already routes by the same or a newer version
   * of that kind (maps only move forward).
   *
   * @return whether the version was put in force
   */
  public synchronized boolean apply(MapVersion map) {
    Optional<MapVersion> current = inForce(map.kind());
    if (current.isPresent() && current.get().version() >= map.version()) {
      return false;
    }
    switch (map.kind()) {
      case READ -> readMap = map;
      case WRITE -> writeMap = map;
    }
    return true;
  }

  /** The version of this kind this instance routes by, empty before the first one arrived. */
  public Optional<MapVersion> inForce(MapKind kind) {
    return Optional.ofNullable(
        switch (kind) {
          case READ -> readMap;
          case WRITE -> writeMap;
        });
  }

  /**
   * The shards that, by the catalogue this instance last read, apply {@code shard}'s writes by
   * replication (a split's target until its cut); none in the steady state.
   */
  public List<String> replicasOf(String shard) {
    return replicatesFrom.entrySet().stream()
        .filter(e -> e.getValue().equals(shard))
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }

  /** Which shard replicates from which (replica to source), as the catalogue now says. */
  public void followReplication(Map<String, String> replication) {
    replicatesFrom = Map.copyOf(replication);
  }

  /**
   * Where the account's reads and writes go at this instance, and which override or range says so.
   */
  public Explanation explain(String accountSid) {
    return new Explanation(
        accountSid,
        KeyspaceId.of(accountSid),
        decision(readMap, accountSid),
        decision(writeMap, accountSid));
  }

  private static Optional<Decision> decision(MapVersion map, String accountSid) {
    if (map == null) {
      return Optional.empty();
    }
    return map.map().placement(accountSid).map(p -> new Decision(map.kind(), map.version(), p));
  }

  private Optional<Route> route(MapVersion map, String accountSid) {
    if (map == null) {
      return Optional.empty();
    }
    return map.map()
        .shardFor(accountSid)
        .flatMap(shard -> shards.pool(shard).map(pool -> new Route(shard, pool)));
  }

  /**
   * A shard chosen for one account, with its pool: the primary's, or a replica's ({@code replica}).
   */
  public record Route(String shard, Pool pool, Optional<ReplicaKey> replica) {
    /** The shard's primary. */
    public Route(String shard, Pool pool) {
      this(shard, pool, Optional.empty());
    }

    /** What serves it: {@code primary} or the replica's name. */
    public String target() {
      return replica.map(ReplicaKey::name).orElse("primary");
    }
  }

  /** One map's choice for an account: the map's kind and version, and the override or range. */
  public record Decision(MapKind kind, long mapVersion, ShardMap.Placement placement) {}

  /**
   * Where an account routes at this instance.
   *
   * @param read empty only before the first read map arrived
   * @param write empty only before the first write map arrived
   */
  public record Explanation(
      String accountSid,
      KeyspaceId keyspaceId,
      Optional<Decision> read,
      Optional<Decision> write) {}
}
