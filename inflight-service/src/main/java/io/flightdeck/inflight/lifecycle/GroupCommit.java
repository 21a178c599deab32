package io.flightdeck.inflight.lifecycle;

import io.flightdeck.inflight.outbox.OutboxEvent;
import io.flightdeck.record.LifecycleRecord;
import io.micrometer.core.instrument.DistributionSummary;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.mysqlclient.MySQLBatchException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes transitions in groups: those that arrive within {@link WriteConfig#groupCommitWindow()}
 * (or until {@link WriteConfig#groupCommitMaxSize()} are waiting; with a zero window, while {@link
 * WriteConfig#groupCommitConcurrency()} groups are being written) share one transaction and one
 * commit, the store's real cost per write on durable storage. Each transition's UPDATE changes its
 * row only where it still has the version the transition was decided at; a terminal move's
 * completed-record event is inserted into the outbox in the same transaction, only if its UPDATE
 * changed the row. Every caller learns its own result only after the commit, so an acknowledged
 * transition is durable.
 *
 * <p>One transition never fails its group: an UPDATE that changes no row is the caller's to resolve
 * (it reads the record and decides again); a group whose transaction fails is written again one
 * transition per transaction, so only the transition at fault fails. Rows are updated in Sid order,
 * so two groups never wait on each other's locks in a cycle.
 *
 * <p>It writes through the node's Vert.x MySQL pool: a prepared batch per group, no SQL generated
 * per call. One per in-flight node ({@link NodeWrites}): a group's rows are all on its node.
 */
public class GroupCommit {
  static final String UPDATE =
      "UPDATE live_record SET status = ?, version = ?, record = ? WHERE sid = ? AND version = ?";

  /** The row's trace context comes from the record's own row, just updated in this transaction. */
  private static final String OUTBOX =
      "INSERT INTO outbox ("
          + OutboxEvent.COLUMNS
          + ", traceparent) SELECT ?, ?, ?, ?, ?, traceparent FROM live_record WHERE sid = ?";

  private final Pool pool;
  private final Vertx vertx;
  private final long windowMillis;
  private final int maxSize;
  private final int maxWriting;
  private final DistributionSummary groupSizes;
  private List<Waiting> waiting = new ArrayList<>();
  private boolean flushScheduled;

  /** Groups of this node in the database now; counted only without a window. */
  private int writing;

  GroupCommit(Pool pool, Vertx vertx, WriteConfig config, DistributionSummary groupSizes) {
    this.pool = pool;
    this.vertx = vertx;
    this.windowMillis = config.groupCommitWindow().toMillis();
    this.maxSize = config.groupCommitMaxSize();
    this.maxWriting = config.groupCommitConcurrency();
    this.groupSizes = groupSizes;
  }

  /**
   * One version-checked write of a transition.
   *
   * @param next the record after the transition, one version later
   * @param json {@code next} as stored
   * @param decidedAt the version the transition was decided at; the row changes only if it has it
   * @param now when the transition was applied (the outbox row's time)
   */
  record Write(LifecycleRecord next, String json, long decidedAt, Instant now) {}

  /**
   * True once the write committed; false if the row no longer had the version (nothing written).
   */
  Uni<Boolean> write(Write write) {
    return Uni.createFrom().emitter(emitter -> enqueue(new Waiting(write, emitter)));
  }

  private void enqueue(Waiting entry) {
    if (windowMillis < 1) {
      enqueueUnlessBusy(entry);
      return;
    }
    List<Waiting> full = null;
    boolean schedule = false;
    synchronized (this) {
      waiting.add(entry);
      if (waiting.size() >= maxSize) {
        full = takeWaiting();
      } else if (!flushScheduled) {
        flushScheduled = true;
        schedule = true;
      }
    }
    if (full != null) {
      send(full);
    } else if (schedule) {
      vertx.setTimer(windowMillis, id -> flush());
    }
  }

  /**
   * Without a window: a transition goes to the database at once while fewer than {@link
   * WriteConfig#groupCommitConcurrency()} groups of this node are being written; otherwise it
   * waits, and the next group to end takes it with every other one waiting ({@link #ended}).
   */
  private void enqueueUnlessBusy(Waiting entry) {
    List<Waiting> group = null;
    synchronized (this) {
      waiting.add(entry);
      if (writing < maxWriting) {
        writing++;
        group = takeWaiting();
      }
    }
    if (group != null) {
      send(group);
    }
  }

  /** A group ended (answered or handed to its retries): the next one starts with what waits. */
  private void ended() {
    if (windowMillis >= 1) {
      return;
    }
    List<Waiting> next;
    synchronized (this) {
      if (waiting.isEmpty()) {
        writing--;
        return;
      }
      next = takeWaiting();
    }
    send(next);
  }

  private void flush() {
    List<Waiting> group;
    synchronized (this) {
      flushScheduled = false;
      group = takeWaiting();
    }
    if (!group.isEmpty()) {
      send(group);
    }
  }

  /** The waiting transitions, at most {@link WriteConfig#groupCommitMaxSize()}, oldest first. */
  private List<Waiting> takeWaiting() {
    if (waiting.size() <= maxSize) {
      List<Waiting> taken = waiting;
      waiting = new ArrayList<>();
      return taken;
    }
    List<Waiting> taken = new ArrayList<>(waiting.subList(0, maxSize));
    waiting = new ArrayList<>(waiting.subList(maxSize, waiting.size()));
    return taken;
  }

  private void send(List<Waiting> group) {
    groupSizes.record(group.size());
    group.sort(Comparator.comparing(entry -> entry.write().next().sid()));
    // Deferred, so that anything thrown while the statements are built fails this group's
    // callers (and is retried one by one) instead of leaving them waiting.
    Uni<List<Boolean>> written =
        Uni.createFrom()
            .deferred(
                () ->
                    group.size() == 1 && !group.get(0).write().next().status().terminal()
                        ? updates(pool, group) // one UPDATE commits on its own: no BEGIN, COMMIT
                        : pool.withTransaction(connection -> writeAll(connection, group)));
    written
        .subscribe()
        .with(
            applied -> {
              try {
                answer(group, applied);
              } finally {
                ended();
              }
            },
            failure -> {
              try {
                retry(group, failure);
              } finally {
                ended();
              }
            });
  }

  private static Uni<List<Boolean>> writeAll(SqlConnection connection, List<Waiting> group) {
    return updates(connection, group)
        .flatMap(
            applied -> {
              List<Tuple> events = new ArrayList<>();
              for (int i = 0; i < group.size(); i++) {
                Write write = group.get(i).write();
                if (applied.get(i) && write.next().status().terminal()) {
                  events.add(completedEvent(write));
                }
              }
              return events.isEmpty()
                  ? Uni.createFrom().item(applied)
                  : connection.preparedQuery(OUTBOX).executeBatch(events).replaceWith(applied);
            });
  }

  private static Uni<List<Boolean>> updates(
      io.vertx.mutiny.sqlclient.SqlClient client, List<Waiting> group) {
    List<Tuple> updates = new ArrayList<>(group.size());
    for (Waiting entry : group) {
      Write write = entry.write();
      updates.add(
          Tuple.of(
              write.next().status().wireName(),
              write.next().version(),
              write.json(),
              write.next().sid(),
              write.decidedAt()));
    }
    return client
        .preparedQuery(UPDATE)
        .executeBatch(updates)
        .map(
            rows -> {
              // A batch's result is one row set per statement, chained by next().
              List<Boolean> applied = new ArrayList<>(group.size());
              for (RowSet<Row> each = rows; each != null; each = each.next()) {
                applied.add(each.rowCount() == 1);
              }
              return applied;
            });
  }

  private static Tuple completedEvent(Write write) {
    return OutboxEvent.completed(write.next(), write.now()).addString(write.next().sid());
  }

  /** A failed group is written again one by one: only the transition at fault fails. */
  private void retry(List<Waiting> group, Throwable failure) {
    if (group.size() == 1) {
      group.get(0).fail(statementError(failure));
      return;
    }
    for (Waiting entry : group) {
      pool.withTransaction(connection -> writeAll(connection, List.of(entry)))
          .subscribe()
          .with(
              applied -> entry.answer(applied.get(0)), alone -> entry.fail(statementError(alone)));
    }
  }

  /** A batch's failure names no statement; the store's own error does (e.g. a column too long). */
  private static Throwable statementError(Throwable failure) {
    if (failure instanceof MySQLBatchException batch && !batch.getIterationError().isEmpty()) {
      return batch.getIterationError().values().iterator().next();
    }
    return failure;
  }

  private static void answer(List<Waiting> group, List<Boolean> applied) {
    for (int i = 0; i < group.size(); i++) {
      group.get(i).answer(applied.get(i));
    }
  }

  /**
   * A transition waiting for its group's commit. Its caller is answered on the Vert.x context it
   * came from, where its request (and Hibernate Reactive's session, if it needs one) belongs.
   */
  private record Waiting(Write write, UniEmitter<? super Boolean> emitter, Context context) {
    Waiting(Write write, UniEmitter<? super Boolean> emitter) {
      this(write, emitter, io.vertx.core.Vertx.currentContext());
    }

    void answer(boolean applied) {
      run(() -> emitter.complete(applied));
    }

    void fail(Throwable failure) {
      run(() -> emitter.fail(failure));
    }

    private void run(Runnable action) {
      if (context == null) {
        action.run();
      } else {
        context.runOnContext(ignored -> action.run());
      }
    }
  }
}
