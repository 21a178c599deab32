package io.flightdeck.inflight.outbox;

import io.flightdeck.event.CompletedRecordEvents;
import io.flightdeck.inflight.nodes.InflightNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox to {@code records.completed} and deletes each row only after the broker
 * acknowledged it: at least once, never lost. Each in-flight node has its outbox, relayed on its
 * own: a node that is down pauses only its events. The legacy combined store, where accounts on the
 * legacy write path keep their records, has one of the same shape, relayed the same way. A node's
 * outbox is cut into lanes by account ({@link OutboxEvent#LANES}); a relay publishes a lane only
 * while it holds the lane's named lock ({@code GET_LOCK}), in id order, so several instances share
 * the work without two of them ever publishing one node's events of one account at once; the
 * producer is idempotent, so those (one key, one partition) keep their order on the topic. An
 * account's records live on several nodes, so its events from two nodes interleave in no set order:
 * what stays ordered is each record's own versions (record-contract's EVENTS.md, "Order").
 *
 * <p>No database transaction is open while the relay waits for the broker: a named lock belongs to
 * the connection, not to a transaction, and reading the rows and deleting the acknowledged ones are
 * statements of their own. So a slow or unreachable broker holds no row locks, no undo history and
 * no snapshot in the in-flight store; writers never wait for it. A relay that dies drops its
 * connection, and with it the lock: another relay takes the lane and publishes again what was not
 * deleted (at least once; consumers de-duplicate by event id).
 *
 * <p>Each record is published as a child of its create's trace ({@link RecordTrace}), with the
 * {@code traceparent} header the Kafka connector writes when tracing is on.
 *
 * <p>While the broker is unreachable the batch fails, nothing is deleted, and the next tick tries
 * again: writers are never held up.
 */
@ApplicationScoped
public class OutboxRelay {
  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

  /** A lane's named lock; named locks are per server, so the schema is part of the name. */
  private static final String LOCK_NAME = "CONCAT(DATABASE(), '.outbox-lane.', ?)";

  private final Outboxes outboxes;
  private final MutinyEmitter<byte[]> completed;
  private final OutboxConfig config;
  private final Counter published;

  public OutboxRelay(
      Outboxes outboxes,
      @Channel("records-completed")
          @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
          MutinyEmitter<byte[]> completed,
      OutboxConfig config,
      MeterRegistry metrics) {
    this.outboxes = outboxes;
    this.completed = completed;
    this.config = config;
    this.published =
        Counter.builder("inflight.outbox.published")
            .description("Outbox events the broker acknowledged and the relay deleted")
            .tag("topic", "records.completed")
            .register(metrics);
  }

  @Scheduled(
      every = "${flightdeck.outbox.poll-interval:1s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> drain() {
    return Multi.createFrom()
        .iterable(outboxes.all())
        .onItem()
        .transformToUniAndMerge(this::drain)
        .collect()
        .last()
        .replaceWithVoid();
  }

  /** One node's outbox; a node that fails pauses alone. */
  private Uni<Void> drain(InflightNode node) {
    if (!node.usable()) {
      return Uni.createFrom().voidItem();
    }
    return Uni.createFrom()
        .deferred(() -> lanesWithEvents(node.pool()))
        .flatMap(
            lanes ->
                Multi.createFrom()
                    .iterable(lanes)
                    .onItem()
                    .transformToUniAndMerge(lane -> drainLane(node.pool(), lane))
                    .collect()
                    .asList())
        .onFailure()
        .invoke(
            e ->
                LOG.warnf(
                    "outbox relay of %s paused, will retry: %s", node.describe(), e.getMessage()))
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }

  /** The lanes that hold events now (a plain read: taking a lane is {@link #relayBatch}'s job). */
  private static Uni<List<Short>> lanesWithEvents(Pool pool) {
    return pool.query("SELECT DISTINCT lane FROM outbox")
        .execute()
        .map(
            rows -> {
              List<Short> lanes = new ArrayList<>();
              rows.forEach(row -> lanes.add(row.getShort("lane")));
              return lanes;
            });
  }

  private Uni<Void> drainLane(Pool pool, short lane) {
    return relayBatch(pool, lane)
        .flatMap(
            published ->
                published == config.batchSize()
                    ? drainLane(pool, lane)
                    : Uni.createFrom().voidItem());
  }

  /**
   * Publishes one batch of a lane, if no other relay holds the lane; answers how many rows were
   * published and deleted (0 when the lane was taken, -1 when a send failed). The lane's lock is
   * taken without waiting and released on the same connection whatever happens.
   */
  Uni<Integer> relayBatch(Pool pool, short lane) {
    return pool.withConnection(
        connection ->
            connection
                .preparedQuery("SELECT GET_LOCK(" + LOCK_NAME + ", 0)")
                .execute(Tuple.of(lane))
                .flatMap(
                    taken ->
                        !Long.valueOf(1).equals(taken.iterator().next().getLong(0))
                            ? Uni.createFrom().item(0)
                            : connection
                                .preparedQuery(
                                    "SELECT id, account_sid, payload, traceparent FROM outbox WHERE lane = ? ORDER BY id LIMIT ?")
                                .execute(Tuple.of(lane, config.batchSize()))
                                .flatMap(rows -> publishAndDelete(connection, rows))
                                .eventually(() -> release(connection, lane))));
  }

  /**
   * A failed release leaves nothing behind: the connection is broken then, and the server dropped
   * its locks.
   */
  private static Uni<Void> release(SqlConnection connection, short lane) {
    return connection
        .preparedQuery("SELECT RELEASE_LOCK(" + LOCK_NAME + ")")
        .execute(Tuple.of(lane))
        .replaceWithVoid()
        .onFailure()
        .invoke(
            e -> LOG.warnf("outbox lane %d: releasing its lock failed (%s)", lane, e.getMessage()))
        .onFailure()
        .recoverWithNull();
  }

  /**
   * Publishes the rows in the lane's order and deletes, in one statement, the longest run of them
   * from the first on that the broker acknowledged. The first row goes alone; once the broker has
   * acknowledged it, the rest go at once (the idempotent producer keeps their order on the
   * partition, and one produce request carries many of them). The lone first send is what keeps the
   * order after an outage: a send that fails before it reaches the client's buffer (no metadata
   * yet, say) fails alone, and a later row sent at once with it could reach the topic first. A
   * failed send ends the batch there: what is deleted is always a prefix of the lane, in order, and
   * the rest is published again from the failed row on (rows after it that reached the topic too
   * are then published twice: at least once).
   */
  private Uni<Integer> publishAndDelete(SqlConnection connection, RowSet<Row> rows) {
    List<Row> batch = new ArrayList<>(rows.size());
    rows.forEach(batch::add);
    if (batch.isEmpty()) {
      return Uni.createFrom().item(0);
    }
    return publish(batch.subList(0, 1))
        .flatMap(
            first ->
                first.get(0).isPresent() || batch.size() == 1
                    ? Uni.createFrom().item(first)
                    : publish(batch.subList(1, batch.size()))
                        .map(
                            rest -> {
                              List<Optional<Throwable>> all = new ArrayList<>(first);
                              all.addAll(rest);
                              return all;
                            }))
        .flatMap(outcomes -> deleteAcknowledged(connection, batch, outcomes));
  }

  /** Sends the rows at once, in order, and answers each one's failure, if it failed. */
  private Uni<List<Optional<Throwable>>> publish(List<Row> rows) {
    List<Uni<Optional<Throwable>>> sends = new ArrayList<>(rows.size());
    for (Row row : rows) {
      sends.add(
          completed
              .sendMessage(
                  message(
                      row.getString("account_sid"),
                      row.getBuffer("payload").getBytes(),
                      row.getString("traceparent")))
              .map(sent -> Optional.<Throwable>empty())
              .onFailure()
              .recoverWithItem(Optional::of));
    }
    return Uni.join().all(sends).andFailFast();
  }

  /**
   * Deletes the acknowledged prefix of the batch; answers how many rows that was, or -1 when a send
   * failed.
   */
  private Uni<Integer> deleteAcknowledged(
      SqlConnection connection, List<Row> batch, List<Optional<Throwable>> outcomes) {
    int acknowledged = 0;
    while (acknowledged < outcomes.size() && outcomes.get(acknowledged).isEmpty()) {
      acknowledged++;
    }
    int deleted = acknowledged;
    Uni<Void> delete =
        deleted == 0
            ? Uni.createFrom().voidItem()
            : connection
                .query(deleteStatement(batch.subList(0, deleted)))
                .execute()
                .invoke(() -> published.increment(deleted))
                .replaceWithVoid();
    if (acknowledged < outcomes.size()) {
      Throwable failure = outcomes.get(acknowledged).get();
      return delete.map(
          done -> {
            LOG.warnf(
                "outbox relay paused after %d events, will retry: %s",
                deleted, failure.getMessage());
            return -1;
          });
    }
    return delete.replaceWith(deleted);
  }

  /** One statement for the acknowledged rows; the ids are the store's own numbers. */
  private static String deleteStatement(List<Row> rows) {
    StringJoiner in = new StringJoiner(",", "DELETE FROM outbox WHERE id IN (", ")");
    rows.forEach(row -> in.add(Long.toString(row.getLong("id"))));
    return in.toString();
  }

  /**
   * The Kafka record of an outbox row. Its trace parent is the row's stored context (the create's),
   * or a fresh root: the connector's producer span, and the {@code traceparent} header it writes,
   * must never descend from this relay's poll.
   */
  private static Message<byte[]> message(String accountSid, byte[] payload, String traceparent) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(
        "content-type", CompletedRecordEvents.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
    return Message.of(payload)
        .addMetadata(
            OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(accountSid)
                .withHeaders(headers)
                .build())
        .addMetadata(TracingMetadata.withCurrent(RecordTrace.parent(traceparent)));
  }
}
