package io.flightdeck.inflight.outbox;

import io.flightdeck.event.CompletedRecordEvents;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes the outbox to {@code records.completed} and deletes each row only after the broker
 * acknowledged it: at least once, never lost. The outbox is cut into lanes by account; a relay
 * publishes a lane only while holding its lock row ({@code FOR UPDATE SKIP LOCKED}), in id order,
 * so several instances share the work without two of them ever publishing one account's events at
 * once; the producer is idempotent, so one account's events (one key, one partition) keep their
 * order on the topic.
 *
 * <p>While the broker is unreachable the batch fails, nothing is deleted, and the next tick tries
 * again: writers are never held up.
 */
@ApplicationScoped
public class OutboxRelay {
  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

  private final Pool pool;
  private final MutinyEmitter<byte[]> completed;
  private final OutboxConfig config;

  public OutboxRelay(
      Pool pool,
      @Channel("records-completed") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
          MutinyEmitter<byte[]> completed,
      OutboxConfig config) {
    this.pool = pool;
    this.completed = completed;
    this.config = config;
  }

  @Scheduled(
      every = "${flightdeck.outbox.poll-interval:1s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> drain() {
    return Uni.createFrom()
        .deferred(this::lanesWithEvents)
        .flatMap(
            lanes ->
                Multi.createFrom().iterable(lanes)
                    .onItem().transformToUniAndMerge(this::drainLane)
                    .collect().asList())
        .onFailure()
        .invoke(e -> LOG.warnf("outbox relay paused, will retry: %s", e.getMessage()))
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }

  /** The lanes that hold events now (a plain read: taking a lane is {@link #relayBatch}'s job). */
  private Uni<List<Short>> lanesWithEvents() {
    return pool.query("SELECT DISTINCT lane FROM outbox").execute()
        .map(rows -> {
          List<Short> lanes = new ArrayList<>();
          rows.forEach(row -> lanes.add(row.getShort("lane")));
          return lanes;
        });
  }

  private Uni<Void> drainLane(short lane) {
    return relayBatch(lane)
        .flatMap(published -> published == config.batchSize() ? drainLane(lane) : Uni.createFrom().voidItem());
  }

  /**
   * Publishes one batch of a lane, if no other relay holds the lane; answers how many rows were
   * published and deleted (0 when the lane was taken, -1 when a send failed).
   */
  Uni<Integer> relayBatch(short lane) {
    return pool.withTransaction(
        connection ->
            connection
                .preparedQuery("SELECT lane FROM outbox_lane WHERE lane = ? FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of(lane))
                .flatMap(
                    held ->
                        held.size() == 0
                            ? Uni.createFrom().item(0)
                            : connection
                                .preparedQuery("SELECT id, account_sid, payload FROM outbox WHERE lane = ? ORDER BY id LIMIT ?")
                                .execute(Tuple.of(lane, config.batchSize()))
                                .flatMap(rows -> publishAndDelete(connection, rows))));
  }

  /**
   * Publishes the rows one after another, each only after the previous one was acknowledged, and
   * deletes the acknowledged ones. A failed send ends the batch there: what reached the topic is
   * always a prefix of the lane, in order, and the rest is retried from the failed row on.
   */
  private Uni<Integer> publishAndDelete(SqlConnection connection, Iterable<Row> rows) {
    List<Long> acknowledged = new ArrayList<>();
    List<Throwable> failure = new ArrayList<>(1);
    return Multi.createFrom()
        .iterable(rows)
        .onItem()
        .transformToUniAndConcatenate(
            row ->
                completed
                    .sendMessage(message(row.getString("account_sid"), row.getBuffer("payload").getBytes()))
                    .invoke(() -> acknowledged.add(row.getLong("id"))))
        .collect()
        .last()
        .onFailure()
        .invoke(failure::add)
        .onFailure()
        .recoverWithNull()
        .flatMap(
            done ->
                acknowledged.isEmpty()
                    ? Uni.createFrom().voidItem()
                    : connection
                        .preparedQuery("DELETE FROM outbox WHERE id = ?")
                        .executeBatch(acknowledged.stream().map(Tuple::of).toList())
                        .replaceWithVoid())
        .map(
            deleted -> {
              if (!failure.isEmpty()) {
                LOG.warnf("outbox relay paused after %d events, will retry: %s", acknowledged.size(), failure.get(0).getMessage());
                return -1;
              }
              return acknowledged.size();
            });
  }

  private static Message<byte[]> message(String accountSid, byte[] payload) {
    RecordHeaders headers = new RecordHeaders();
    headers.add("content-type", CompletedRecordEvents.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
    return Message.of(payload)
        .addMetadata(
            OutgoingKafkaRecordMetadata.<String>builder().withKey(accountSid).withHeaders(headers).build());
  }
}
