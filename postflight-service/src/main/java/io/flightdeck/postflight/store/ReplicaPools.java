package io.flightdeck.postflight.store;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.mysqlclient.MySQLBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The replicas that may serve reads ({@link ShardReplica#servesReads}), one small pool each, and
 * this instance's view of their {@link ServingState} (from the control database, at each poll that
 * found the catalogue changed) and of their health (this instance's own probes). Thread-safe.
 *
 * <p>A read goes to a replica only when the view says {@code serving}, this instance's own probe
 * has not found it unhealthy since, and the view is fresh: read from the control database within
 * the bound an instance must keep to confirm records. An instance that cannot read the control
 * database may not know that a replica went out and is no longer waited for, so it reads from the
 * primary.
 */
public final class ReplicaPools {
  private static final Logger LOG = Logger.getLogger(ReplicaPools.class);

  /** One reads replica of a shard, with its pool and the primary it must replicate. */
  public record Reader(String shard, ShardReplica replica, Pool pool, DatabaseServer primary) {
    public ReplicaKey key() {
      return new ReplicaKey(shard, replica.name());
    }
  }

  /** A replica, by its shard and name. */
  public record ReplicaKey(String shard, String name) {
    @Override
    public String toString() {
      return shard + "/" + name;
    }
  }

  /** A serving state as this instance last read it, and since when it holds (this clock). */
  public record Seen(ServingState state, Instant since) {
    static final Seen NEVER_MARKED = new Seen(ServingState.OUT, Instant.EPOCH);
  }

  private final Vertx vertx;
  private final int poolSize;
  private final Map<String, List<Reader>> readers = new ConcurrentHashMap<>();
  private final Set<ReplicaKey> unhealthy = ConcurrentHashMap.newKeySet();
  private final Map<String, Instant> departed = new ConcurrentHashMap<>();
  private final AtomicInteger turn = new AtomicInteger();
  private volatile Map<ReplicaKey, Seen> states = Map.of();
  private volatile Instant freshUntil = Instant.MIN;

  ReplicaPools(Vertx vertx, int poolSize) {
    this.vertx = vertx;
    this.poolSize = poolSize;
  }

  /** Opens a pool per reads replica of the shard; those of its previous definition drain. */
  void open(ShardDefinition shard) {
    List<Reader> opened =
        shard.readers().stream()
            .map(
                r ->
                    new Reader(
                        shard.id(),
                        r,
                        MySQLBuilder.pool()
                            .with(
                                new PoolOptions()
                                    .setMaxSize(poolSize)
                                    .setName("replica-pool-" + shard.id() + "-" + r.name()))
                            .connectingTo(r.server().servingOptions())
                            .using(vertx)
                            .build(),
                        shard.primary()))
            .toList();
    List<Reader> previous =
        opened.isEmpty() ? readers.remove(shard.id()) : readers.put(shard.id(), opened);
    if (previous != null) {
      noteDeparted(shard, previous);
    }
    opened.forEach(r -> LOG.infof("replica %s: pool open to %s", r.key(), r.replica().server()));
    if (previous != null) {
      vertx.setTimer(
          Shards.DRAIN.toMillis(), timer -> previous.forEach(r -> r.pool().closeAndForget()));
    }
  }

  /**
   * Notes when a replica that confirmations waited for left the shard's readers (removed from the
   * topology, its role now backup), unless it became the primary: an instance that has not seen the
   * change yet may still read from it, so confirmations must not go out without it for a while
   * ({@link #departed}).
   */
  private void noteDeparted(ShardDefinition shard, List<Reader> previous) {
    List<ShardReplica> now = shard.readers();
    for (Reader r : previous) {
      if (!now.contains(r.replica())
          && !r.replica().server().equals(shard.primary())
          && seen(r.key()).state().awaited()) {
        departed.put(shard.id(), Instant.now());
        LOG.infof("replica %s left the shard's readers", r.key());
      }
    }
  }

  /** When a replica that confirmations waited for last left the shard's readers, if ever. */
  public Optional<Instant> departed(String shard) {
    return Optional.ofNullable(departed.get(shard));
  }

  /** Closes the pools of a shard that left the catalogue. */
  void close(String shard) {
    List<Reader> closed = readers.remove(shard);
    if (closed != null) {
      closed.forEach(r -> r.pool().closeAndForget());
    }
  }

  void closeAll() {
    List.copyOf(readers.keySet()).forEach(this::close);
  }

  /** The shard's reads replicas (none when it has none or is not open here). */
  public List<Reader> readers(String shard) {
    return readers.getOrDefault(shard, List.of());
  }

  /** Every shard's reads replicas. */
  public List<Reader> all() {
    return readers.values().stream().flatMap(List::stream).toList();
  }

  /** The replica's state as this instance last read it; never marked: out. */
  public Seen seen(ReplicaKey replica) {
    return states.getOrDefault(replica, Seen.NEVER_MARKED);
  }

  /**
   * A serving replica of the shard to read from, taking turns; empty when none serves, or this
   * instance's view is not fresh.
   */
  public Optional<Reader> forRead(String shard) {
    if (Instant.now().isAfter(freshUntil)) {
      return Optional.empty();
    }
    List<Reader> serving =
        readers(shard).stream()
            .filter(r -> seen(r.key()).state() == ServingState.SERVING)
            .filter(r -> !unhealthy.contains(r.key()))
            .toList();
    if (serving.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(serving.get(Math.floorMod(turn.getAndIncrement(), serving.size())));
  }

  /** The serving states read from the control database (every replica marked, by key). */
  public void follow(Map<ReplicaKey, Seen> read) {
    states = Map.copyOf(read);
  }

  /** The control database was read at {@code readAt}; the view is fresh for {@code validFor}. */
  public void viewRead(Instant readAt, Duration validFor) {
    freshUntil = readAt.plus(validFor);
  }

  /** What this instance's own probe (or a failed read) found: readers skip an unhealthy one. */
  public void health(ReplicaKey replica, boolean healthy) {
    if (healthy) {
      unhealthy.remove(replica);
    } else {
      unhealthy.add(replica);
    }
  }

  /** Whether this instance's own probe found the replica unhealthy last. */
  public boolean unhealthy(ReplicaKey replica) {
    return unhealthy.contains(replica);
  }
}
