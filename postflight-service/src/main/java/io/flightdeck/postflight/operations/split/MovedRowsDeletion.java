package io.flightdeck.postflight.operations.split;

import io.flightdeck.postflight.control.ShardMapStore;
import io.flightdeck.postflight.operations.StepContext;
import io.flightdeck.postflight.operations.StepOutcome;
import io.flightdeck.postflight.routing.MapKind;
import io.flightdeck.postflight.routing.MapVersion;
import io.flightdeck.postflight.routing.ShardMap;
import io.flightdeck.postflight.store.IdChunk;
import io.flightdeck.postflight.store.ShardDefinition;
import io.flightdeck.postflight.store.Shards;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The split's {@code delete-moved}: after the cut, each side deletes the rows it no longer owns.
 * The source deletes the rows of accounts that both maps in force send to the target; the target
 * deletes the rows of every account neither map sends to it (the clone copied the whole source).
 * Ownership is decided in Java by the routing code ({@link ShardMap#shardFor}: overrides, then the
 * range of the account's keyspace id), on the account_sids of each chunk, so a row whose account
 * either map sends to the side that holds it is never deleted.
 *
 * <p>In chunks of {@link SplitConfig#deleteChunk()} rows by ascending id, each one short {@code
 * DELETE … WHERE id IN (…) AND account_sid IN (…)} (the account condition keeps a row that shares
 * an id with a deleted one but belongs to an owned account), with {@link SplitConfig#deletePause()}
 * after each, and, when the shard has replicas in the catalogue, a check that each has applied the
 * primary's position within {@link SplitConfig#maxReplicaLag()} ({@link ReplicaLag}; one that has
 * not stops the step, {@code waiting}, until it is tried again). The cursor ({@link DeleteCursor})
 * is written into the step's progress after every chunk, so a driver killed mid-step resumes at the
 * chunk it was on; a chunk deleted but not yet recorded is read again and finds its rows gone,
 * which only makes the count of deleted rows low by at most that chunk.
 */
@ApplicationScoped
class MovedRowsDeletion {
  private final ShardMapStore maps;
  private final SplitConfig config;

  MovedRowsDeletion(ShardMapStore maps, SplitConfig config) {
    this.maps = maps;
    this.config = config;
  }

  /** Which rows a side deletes: those of accounts this says yes to. */
  private record Ownership(ShardMap read, ShardMap write, String target) {
    boolean deletable(boolean onSource, String account) {
      boolean readsOnTarget = read.shardFor(account).filter(target::equals).isPresent();
      boolean writesOnTarget = write.shardFor(account).filter(target::equals).isPresent();
      return onSource ? readsOnTarget && writesOnTarget : !readsOnTarget && !writesOnTarget;
    }
  }

  Uni<StepOutcome> deleteMoved(SplitRun run, StepContext step) {
    return run.onTarget(run.link()::state)
        .chain(
            state -> {
              if (state.exists()) {
                // A delete on the source would replicate into the target, which still needs
                // those rows' reads until the cut.
                return StepOutcome.waiting(
                    "replication %s still exists: the cut comes first"
                        .formatted(run.link().name()));
              }
              return maps.latest(MapKind.READ)
                  .chain(
                      read ->
                          maps.latest(MapKind.WRITE).map(write -> owners(read, write, run.split())))
                  .chain(
                      owners ->
                          owners.isEmpty()
                              ? StepOutcome.waiting(
                                  "the maps do not send all of the split to "
                                      + run.split().target()
                                      + " yet")
                              : deleteFrom(run, owners.get(), step));
            });
  }

  private static Optional<Ownership> owners(
      Optional<MapVersion> read, Optional<MapVersion> write, Split split) {
    if (read.isEmpty()
        || write.isEmpty()
        || !MovedMaps.notMoved(read.get().map(), split).isEmpty()
        || !MovedMaps.notMoved(write.get().map(), split).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Ownership(read.get().map(), write.get().map(), split.target()));
  }

  private Uni<StepOutcome> deleteFrom(SplitRun run, Ownership owners, StepContext step) {
    DeleteCursor start =
        step.lastProgress().flatMap(DeleteCursor::parse).orElse(DeleteCursor.START);
    return side(
            run.shards(),
            run.source(),
            new Pass(start, Optional.empty()),
            true,
            owners,
            run.split(),
            step)
        .chain(
            afterSource ->
                side(run.shards(), run.target(), afterSource, false, owners, run.split(), step))
        .map(
            pass ->
                pass.stopped()
                    .<StepOutcome>map(
                        why ->
                            new StepOutcome.Waiting(why + "; " + pass.cursor().text(run.split())))
                    .orElseGet(() -> new StepOutcome.Done(pass.cursor().text(run.split()))));
  }

  /** How far the deletion got, and why it stopped before the end if it did. */
  private record Pass(DeleteCursor cursor, Optional<String> stopped) {}

  private Uni<Pass> side(
      Shards shards,
      ShardDefinition shard,
      Pass pass,
      boolean onSource,
      Ownership owners,
      Split split,
      StepContext step) {
    if (pass.stopped().isPresent()
        || pass.cursor().done()
        || pass.cursor().onSource() != onSource) {
      return Uni.createFrom().item(pass);
    }
    return shards.withPool(
        shard,
        pool ->
            ReplicaLag.withReplicas(
                shards,
                shard,
                replicas -> chunks(pool, replicas, pass.cursor(), onSource, owners, split, step)));
  }

  /**
   * Works through the side's tables while the cursor is on them, until a replica lags; as a stream
   * of chunks rather than a chain of Unis, so neither memory nor stack grows with the table.
   */
  private Uni<Pass> chunks(
      Pool pool,
      List<ReplicaLag.Replica> replicas,
      DeleteCursor cursor,
      boolean onSource,
      Ownership owners,
      Split split,
      StepContext step) {
    return ChunkWalk.from(
        new Pass(cursor, Optional.empty()),
        at -> at.stopped().isPresent() || at.cursor().done() || at.cursor().onSource() != onSource,
        at -> oneChunk(pool, replicas, at.cursor(), owners, split, step));
  }

  /** One chunk, then (if it deleted rows) the pause and the replicas' lag. */
  private Uni<Pass> oneChunk(
      Pool pool,
      List<ReplicaLag.Replica> replicas,
      DeleteCursor cursor,
      Ownership owners,
      Split split,
      StepContext step) {
    return chunk(pool, cursor, owners)
        .call(next -> step.progress(next.text(split)))
        .chain(
            next -> {
              boolean deleted =
                  next.deletedOnSource() + next.deletedOnTarget()
                      > cursor.deletedOnSource() + cursor.deletedOnTarget();
              if (!deleted) {
                return Uni.createFrom().item(new Pass(next, Optional.empty()));
              }
              return Uni.createFrom()
                  .voidItem()
                  .onItem()
                  .delayIt()
                  .by(config.deletePause())
                  .chain(() -> ReplicaLag.behind(pool, replicas, config.maxReplicaLag()))
                  .map(behind -> new Pass(next, behind));
            });
  }

  /** One chunk: reads the next rows' ids and accounts, deletes those not owned here. */
  private Uni<DeleteCursor> chunk(Pool pool, DeleteCursor cursor, Ownership owners) {
    String table = cursor.tableName();
    return IdChunk.after(
            pool,
            "SELECT id, account_sid FROM " + table,
            table,
            config.deleteChunk(),
            cursor.afterId())
        .chain(
            rows -> {
              if (rows.size() == 0) {
                return Uni.createFrom().item(cursor.nextTable());
              }
              long last = 0;
              List<Object> ids = new ArrayList<>();
              Set<String> accounts = new LinkedHashSet<>();
              Map<String, Boolean> decided = new HashMap<>();
              for (Row row : rows) {
                long id = row.getLong("id");
                last = Math.max(last, id);
                String account = row.getString("account_sid");
                if (decided.computeIfAbsent(account, a -> owners.deletable(cursor.onSource(), a))) {
                  ids.add(id);
                  accounts.add(account);
                }
              }
              long lastId = last;
              if (ids.isEmpty()) {
                return Uni.createFrom().item(cursor.after(lastId, 0));
              }
              List<Object> values = new ArrayList<>(ids);
              values.addAll(accounts);
              return pool.preparedQuery(
                      "DELETE FROM "
                          + table
                          + " WHERE id IN ("
                          + marks(ids.size())
                          + ") AND account_sid IN ("
                          + marks(accounts.size())
                          + ")")
                  .execute(Tuple.from(values))
                  .map(deleted -> cursor.after(lastId, deleted.rowCount()));
            });
  }

  private static String marks(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }
}
