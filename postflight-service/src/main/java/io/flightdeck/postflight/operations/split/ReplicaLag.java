package io.flightdeck.postflight.operations.split;

import io.flightdeck.postflight.store.DatabaseServer;
import io.flightdeck.postflight.store.ShardDefinition;
import io.flightdeck.postflight.store.Shards;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Keeps a shard's replicas within a lag while a split deletes on its primary: after a chunk, each
 * replica must apply everything the primary has logged so far ({@code @@gtid_binlog_pos}, waited
 * for with {@code MASTER_GTID_WAIT}) within the allowed lag, or the deletion stops there and is
 * tried again later from its cursor.
 */
final class ReplicaLag {
  /** A replica of the shard, by where it is, with a pool to it. */
  record Replica(String name, Pool pool) {}

  private ReplicaLag() {}

  /**
   * Runs the work with a pool of one connection to each of the shard's replicas (none: an empty
   * list), closed after it.
   */
  static <T> Uni<T> withReplicas(
      Shards shards, ShardDefinition shard, Function<List<Replica>, Uni<T>> work) {
    return open(shards, shard, 0, new ArrayList<>(), work);
  }

  private static <T> Uni<T> open(
      Shards shards,
      ShardDefinition shard,
      int index,
      List<Replica> opened,
      Function<List<Replica>, Uni<T>> work) {
    if (index == shard.replicas().size()) {
      return work.apply(List.copyOf(opened));
    }
    DatabaseServer replica = shard.replicas().get(index);
    String name = "%s replica %s:%d".formatted(shard.id(), replica.host(), replica.port());
    // A definition of its own, which no pool of the catalogue has: a temporary pool.
    ShardDefinition alone = new ShardDefinition(name, replica, List.of(), 1);
    return shards.withPool(
        alone,
        pool -> {
          opened.add(new Replica(name, pool));
          return open(shards, shard, index + 1, opened, work);
        });
  }

  /**
   * The first replica that has not applied the primary's position within {@code maxLag}, with the
   * reason; empty when every one has.
   */
  static Uni<Optional<String>> behind(Pool primary, List<Replica> replicas, Duration maxLag) {
    if (replicas.isEmpty()) {
      return Uni.createFrom().item(Optional.empty());
    }
    return primary
        .query("SELECT @@gtid_binlog_pos")
        .execute()
        .map(rows -> rows.iterator().next().getString(0))
        .chain(position -> firstBehind(replicas, 0, position, maxLag));
  }

  private static Uni<Optional<String>> firstBehind(
      List<Replica> replicas, int index, String position, Duration maxLag) {
    if (index == replicas.size()) {
      return Uni.createFrom().item(Optional.empty());
    }
    Replica replica = replicas.get(index);
    return replica
        .pool()
        .preparedQuery("SELECT MASTER_GTID_WAIT(?, ?)")
        .execute(Tuple.of(position, maxLag.toMillis() / 1000.0))
        .chain(
            rows ->
                rows.iterator().next().getInteger(0) == 0
                    ? firstBehind(replicas, index + 1, position, maxLag)
                    : Uni.createFrom()
                        .item(
                            Optional.of(
                                "%s lags more than %d ms behind its primary"
                                    .formatted(replica.name(), maxLag.toMillis()))));
  }
}
