package io.flightdeck.inflight.lifecycle;

import io.flightdeck.inflight.outbox.OutboxEvent;
import io.flightdeck.record.LifecycleRecord;
import io.micrometer.core.instrument.DistributionSummary;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
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
 * <p>It writes through the node's Vert.x MySQL pool, with prepared statements only. A group's
 * UPDATEs are sent at once, pipelined on the transaction's connection ({@link
 * io.flightdeck.inflight.nodes.InflightNode#PIPELINING_LIMIT}), and so are its outbox INSERTs: a
 * group costs four round trips (BEGIN, the UPDATEs, the INSERTs if any, COMMIT) however large it
 * is. The client's prepared batch would not do: it sends each statement only once the previous
 * one's result is in. One per in-flight node ({@link NodeWrites}): a group's rows are all on its
 * node.
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
  private List<WaitingWrite> waiting = new ArrayList<>();
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
    return Uni.createFrom().emitter(emitter -> enqueue(new WaitingWrite(write, emitter)));
  }

  private void enqueue(WaitingWrite entry) {
    if (windowMillis < 1) {
      enqueueUnlessBusy(entry);
      return;
    }
    List<WaitingWrite> full = null;
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
  private void enqueueUnlessBusy(WaitingWrite entry) {
    List<WaitingWrite> group = null;
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
    List<WaitingWrite> next;
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
    List<WaitingWrite> group;
    synchronized (this) {
      flushScheduled = false;
      group = takeWaiting();
    }
    if (!group.isEmpty()) {
      send(group);
    }
  }

  /** The waiting transitions, at most {@link WriteConfig#groupCommitMaxSize()}, oldest first. */
  private List<WaitingWrite> takeWaiting() {
    if (waiting.size() <= maxSize) {
      List<WaitingWrite> taken = waiting;
      waiting = new ArrayList<>();
      return taken;
    }
    List<WaitingWrite> taken = new ArrayList<>(waiting.subList(0, maxSize));
    waiting = new ArrayList<>(waiting.subList(maxSize, waiting.size()));
    return taken;
  }

  private void send(List<WaitingWrite> group) {
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

  private static Uni<List<Boolean>> writeAll(SqlConnection connection, List<WaitingWrite> group) {
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
                  : pipelined(
                          events.stream()
                              .map(event -> connection.preparedQuery(OUTBOX).execute(event))
                              .toList())
                      .replaceWith(applied);
            });
  }

  /** All at once: on one connection, each statement goes out before the previous one's result. */
  private static <T> Uni<List<T>> pipelined(List<Uni<T>> statements) {
    return statements.size() == 1
        ? statements.get(0).map(List::of)
        : Uni.join().all(statements).andCollectFailures();
  }

  private static Uni<List<Boolean>> updates(
      io.vertx.mutiny.sqlclient.SqlClient client, List<WaitingWrite> group) {
    List<Uni<Boolean>> updates = new ArrayList<>(group.size());
    for (WaitingWrite entry : group) {
      Write write = entry.write();
      updates.add(
          client
              .preparedQuery(UPDATE)
              .execute(
                  Tuple.of(
                      write.next().status().wireName(),
                      write.next().version(),
                      write.json(),
                      write.next().sid(),
                      write.decidedAt()))
              .map(rows -> rows.rowCount() == 1));
    }
    return pipelined(updates);
  }

  private static Tuple completedEvent(Write write) {
    return OutboxEvent.completed(write.next(), write.now()).addString(write.next().sid());
  }

  /** A failed group is written again one by one: only the transition at fault fails. */
  private void retry(List<WaitingWrite> group, Throwable failure) {
    if (group.size() == 1) {
      group.get(0).fail(failure); // a single statement's own error
      return;
    }
    for (WaitingWrite entry : group) {
      pool.withTransaction(connection -> writeAll(connection, List.of(entry)))
          .subscribe()
          .with(applied -> entry.answer(applied.get(0)), entry::fail);
    }
  }

  private static void answer(List<WaitingWrite> group, List<Boolean> applied) {
    for (int i = 0; i < group.size(); i++) {
      group.get(i).answer(applied.get(i));
    }
  }
}
