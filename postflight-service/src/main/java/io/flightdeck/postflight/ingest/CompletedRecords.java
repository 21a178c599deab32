package io.flightdeck.postflight.ingest;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code records.completed} in batches (one poll each) and acknowledges a batch only once
 * {@link Ingest} has put every event of it in a durable place: stored on its shard and confirmed on
 * {@code records.persisted}, or on the dead-letter topic, or on the retry topic. Offsets are
 * committed from acknowledged batches only, so a crash anywhere replays the batch, and the
 * idempotent upsert makes the replay harmless: nothing is lost, nothing is stored twice.
 *
 * <p><b>One shard down.</b> Its events are set aside on {@code records.completed.retry} (the retry
 * path), and the batch is acknowledged once the broker has them; the other shards' events of the
 * same batch are stored as usual. {@link RetriedRecords} tries the set-aside events again.
 * Readiness ({@code ShardHealth}) names the shard that is down. Per-account order may change on the
 * way through the retry topic; the upsert keeps the newest version whatever the order, and inflight
 * deletes a live record only at the very version confirmed, so no reader sees a regression.
 */
@ApplicationScoped
public class CompletedRecords {
  private final Ingest ingest;

  public CompletedRecords(Ingest ingest) {
    this.ingest = ingest;
  }

  @Incoming("records-completed")
  public Uni<Void> store(KafkaRecordBatch<String, byte[]> batch) {
    return ingest
        .ingest(batch.getRecords())
        .call(() -> Uni.createFrom().completionStage(batch.ack()));
  }
}
