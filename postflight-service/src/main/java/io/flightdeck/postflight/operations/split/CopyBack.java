package io.flightdeck.postflight.operations.split;

import io.flightdeck.postflight.control.ShardMapStore;
import io.flightdeck.postflight.operations.StepContext;
import io.flightdeck.postflight.operations.StepOutcome;
import io.flightdeck.postflight.routing.KeyspaceId;
import io.flightdeck.postflight.routing.MapKind;
import io.flightdeck.postflight.routing.MapVersion;
import io.flightdeck.postflight.store.CallStore;
import io.flightdeck.postflight.store.MessageStore;
import io.flightdeck.postflight.store.RecordTable;
import io.flightdeck.postflight.store.RecordWrites;
import io.flightdeck.record.LifecycleRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * The undo step {@code copy-back} of a split cancelled after {@code move-writes}: records stored on
 * the target since then exist only there (nothing replicates from the target), and {@code
 * drop-copy} empties it. So, between {@code restore-writes} and {@code restore-reads}, the moved
 * accounts' rows are copied from the target to the source with ingest's version-guarded upsert
 * ({@link RecordWrites}): a newer version wins, an equal or older one changes nothing, and a chunk
 * copied twice is harmless.
 *
 * <p>It starts only once nothing writes the moved accounts to the target any more: the write map in
 * force sends them to the source again; since that version was published, one control poll interval
 * (every instance that reads the control database has it in force; one cut off from it keeps
 * routing by its last maps, a limit the README states) plus the ingest shard timeout (a batch
 * routed by the old map has stored or given up) plus a second have passed; and no transaction on
 * the target began before the publication (a batch that gave up while the server still ran its
 * statements).
 *
 * <p>The target's tables are read in chunks of {@link #CHUNK} rows by ascending id; a row is copied
 * when the routing code places its account in the split ({@link Split#ranges()} by its {@link
 * KeyspaceId}, or {@link Split#accounts()}). The cursor ({@link CopyCursor}) is written into the
 * step's progress after every chunk, so a driver killed mid-step resumes there.
 *
 * <p>The link still replicates the source into the target (reads of the moved accounts are served
 * there until {@code restore-reads}), so the copied rows come back to the target as row events for
 * rows it holds already under other ids, which a strict replica refuses (duplicate key). The target
 * server's {@code slave_exec_mode} is therefore {@code IDEMPOTENT} while the copy replays (the
 * events carry the very rows it holds), and set back to {@code STRICT} once the target has applied
 * the source's position (or the link does not run: {@code drop-copy} removes it anyway).
 */
@ApplicationScoped
class CopyBack {
  static final String STEP = "copy-back";

  /** Rows read per chunk; each chunk's moved rows are one short transaction on the source. */
  static final int CHUNK = 500;

  private final ShardMapStore maps;
  private final RecordWrites writes;
  private final CallStore calls;
  private final MessageStore messages;
  private final WriteMapSettle settle;

  CopyBack(
      ShardMapStore maps,
      RecordWrites writes,
      CallStore calls,
      MessageStore messages,
      WriteMapSettle settle) {
    this.maps = maps;
    this.writes = writes;
    this.calls = calls;
    this.messages = messages;
    this.settle = settle;
  }

  Uni<StepOutcome> copyBack(SplitRun run, StepContext step) {
    CopyCursor start = step.lastProgress().flatMap(CopyCursor::parse).orElse(CopyCursor.START);
    return maps.latest(MapKind.WRITE)
        .map(Optional::orElseThrow)
        .chain(
            write -> {
              if (!SplitMaps.isMoved(write.map(), run.split(), run.split().source())) {
                return StepOutcome.waiting(
                    "the write map does not send the split back to %s yet"
                        .formatted(run.split().source()));
              }
              return settle
                  .settled(write, step, "; " + start.text())
                  .chain(
                      () ->
                          run.onSource(
                              sourcePool ->
                                  run.onTarget(
                                      targetPool ->
                                          copy(
                                              run.split(),
                                              write,
                                              sourcePool,
                                              targetPool,
                                              run.link(),
                                              start,
                                              step))));
            });
  }

  private Uni<StepOutcome> copy(
      Split split,
      MapVersion write,
      Pool sourcePool,
      Pool targetPool,
      ReplicationLink link,
      CopyCursor start,
      StepContext step) {
    return settle
        .transactionsBefore(targetPool, write)
        .chain(
            open -> {
              if (open > 0) {
                return StepOutcome.waiting(
                    "%d transaction(s) on %s began before the write map moved back; %s"
                        .formatted(open, split.target(), start.text()));
              }
              return execMode(targetPool, "IDEMPOTENT")
                  .chain(() -> chunks(split, sourcePool, targetPool, start, step))
                  .chain(copied -> replayed(sourcePool, targetPool, link, copied));
            });
  }

  /** Copies chunk after chunk until every table is done. */
  private Uni<CopyCursor> chunks(
      Split split, Pool sourcePool, Pool targetPool, CopyCursor cursor, StepContext step) {
    return ChunkWalk.from(
        cursor,
        CopyCursor::done,
        at -> {
          RecordTable<?, ?> table = at.tableName().equals("calls") ? calls : messages;
          return chunk(table, split, sourcePool, targetPool, at)
              .call(next -> step.progress(next.text()));
        });
  }

  private <R extends LifecycleRecord> Uni<CopyCursor> chunk(
      RecordTable<R, ?> table, Split split, Pool sourcePool, Pool targetPool, CopyCursor cursor) {
    return table
        .chunkAfter(targetPool, cursor.afterId(), CHUNK)
        .chain(
            chunk -> {
              if (chunk.rows() == 0) {
                return Uni.createFrom().item(cursor.nextTable());
              }
              List<R> moved = chunk.records().stream().filter(r -> moves(split, r)).toList();
              return (moved.isEmpty()
                      ? Uni.createFrom().voidItem()
                      : writes.store(sourcePool, moved))
                  .replaceWith(cursor.after(chunk.lastId(), moved.size()));
            });
  }

  /** Whether the routing code places the record's account in the split. */
  private static boolean moves(Split split, LifecycleRecord record) {
    String account = record.accountSid();
    KeyspaceId id = KeyspaceId.of(account);
    return split.accounts().contains(account)
        || split.ranges().stream().anyMatch(r -> r.contains(id));
  }

  /** Strict again once the copy has replayed on the target, or when the link does not run. */
  private Uni<StepOutcome> replayed(
      Pool sourcePool, Pool targetPool, ReplicationLink link, CopyCursor copied) {
    return link.state(targetPool)
        .chain(
            state ->
                state.running()
                    ? ReplicationLink.applied(sourcePool, targetPool)
                    : Uni.createFrom().item(true))
        .chain(
            applied ->
                applied
                    ? execMode(targetPool, "STRICT")
                        .replaceWith(new StepOutcome.Done(copied.text()))
                    : StepOutcome.waiting(
                        "the target has not applied the copy yet; " + copied.text()));
  }

  private static Uni<Void> execMode(Pool targetPool, String mode) {
    return targetPool
        .query("SET GLOBAL slave_exec_mode = '" + mode + "'")
        .execute()
        .replaceWithVoid();
  }
}
