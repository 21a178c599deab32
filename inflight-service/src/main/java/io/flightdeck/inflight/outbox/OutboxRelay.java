package io.flightdeck.inflight.outbox;

import io.flightdeck.event.CompletedRecordEvents;
import io.quarkus.scheduler.Scheduled;
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
 * acknowledged it: at least once, never lost. Rows are taken in id order under {@code FOR UPDATE
 * SKIP LOCKED}, so two instances never publish the same row at the same time; the producer is
 * idempotent, so one account's events (one key, one partition) keep their order.
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
      every = "${flightdeck.outbox.poll-interval:0.2s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> drain() {
    return Uni.createFrom()
        .deferred(this::relayBatch)
        .flatMap(published -> published == config.batchSize() ? drain() : Uni.createFrom().voidItem())
        .onFailure()
        .invoke(e -> LOG.warnf("outbox relay paused, will retry: %s", e.getMessage()))
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }

  /** Publishes one batch; answers how many rows were published and deleted. */
  Uni<Integer> relayBatch() {
    return pool.withTransaction(
        connection ->
            connection
                .preparedQuery("SELECT id, account_sid, payload FROM outbox ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of(config.batchSize()))
                .flatMap(rows -> publishAndDelete(connection, rows)));
  }

  private Uni<Integer> publishAndDelete(SqlConnection connection, Iterable<Row> rows) {
    List<Long> ids = new ArrayList<>();
    List<Uni<Void>> acks = new ArrayList<>();
    for (Row row : rows) {
      ids.add(row.getLong("id"));
      acks.add(completed.sendMessage(message(row.getString("account_sid"), row.getBuffer("payload").getBytes())));
    }
    if (ids.isEmpty()) {
      return Uni.createFrom().item(0);
    }
    return Uni.join()
        .all(acks)
        .andFailFast()
        .flatMap(
            acked ->
                connection
                    .preparedQuery("DELETE FROM outbox WHERE id = ?")
                    .executeBatch(ids.stream().map(Tuple::of).toList()))
        .replaceWith(ids.size());
  }

  private static Message<byte[]> message(String accountSid, byte[] payload) {
    RecordHeaders headers = new RecordHeaders();
    headers.add("content-type", CompletedRecordEvents.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
    return Message.of(payload)
        .addMetadata(
            OutgoingKafkaRecordMetadata.<String>builder().withKey(accountSid).withHeaders(headers).build());
  }
}
