package io.flightdeck.postflight.ingest;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code records.completed.retry}: events whose shard did not answer. A batch is taken up
 * once its newest event has waited {@code flightdeck.postflight.ingest.retry-delay}, then goes
 * through {@link Ingest} like any other, routed afresh by the current write map; events whose shard
 * is still down go back to the retry topic with their attempt count raised. Each waiting event is
 * thus tried about once per delay until its shard is back, and never blocks the events of other
 * shards. Acknowledged like {@link CompletedRecords}: only once every event is in a durable place.
 */
@ApplicationScoped
public class RetriedRecords {
  private final Ingest ingest;
  private final IngestConfig config;

  public RetriedRecords(Ingest ingest, IngestConfig config) {
    this.ingest = ingest;
    this.config = config;
  }

  @Incoming("records-completed-retry")
  public Uni<Void> retry(KafkaRecordBatch<String, byte[]> batch) {
    Instant newest =
        batch.getRecords().stream()
            .map(KafkaRecord::getTimestamp)
            .max(Instant::compareTo)
            .orElse(Instant.now());
    Duration wait = Duration.between(Instant.now(), newest.plus(config.retryDelay()));
    Uni<Void> due =
        wait.isNegative() || wait.isZero()
            ? Uni.createFrom().voidItem()
            : Uni.createFrom().voidItem().onItem().delayIt().by(wait);
    return due.chain(() -> ingest.ingest(batch.getRecords()))
        .call(() -> Uni.createFrom().completionStage(batch.ack()));
  }
}
