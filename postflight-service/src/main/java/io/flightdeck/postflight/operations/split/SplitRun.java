package io.flightdeck.postflight.operations.split;

import io.flightdeck.postflight.store.ShardDefinition;
import io.flightdeck.postflight.store.Shards;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What every step of a split runs against: the split, its two shards as the catalogue has them now,
 * and the replication link between them, with the pools to reach either shard.
 */
record SplitRun(
    Shards shards,
    Split split,
    ShardDefinition source,
    ShardDefinition target,
    ReplicationLink link) {

  /** Runs work with a pool to the source shard's primary. */
  <T> Uni<T> onSource(Function<Pool, Uni<T>> work) {
    return shards.withPool(source, work);
  }

  /** Runs work with a pool to the target shard's primary. */
  <T> Uni<T> onTarget(Function<Pool, Uni<T>> work) {
    return shards.withPool(target, work);
  }

  /** Runs work with a pool to the target and what the target says of the link now. */
  <T> Uni<T> withLinkState(BiFunction<Pool, ReplicationLink.State, Uni<T>> work) {
    return onTarget(
        targetPool -> link.state(targetPool).chain(state -> work.apply(targetPool, state)));
  }
}
