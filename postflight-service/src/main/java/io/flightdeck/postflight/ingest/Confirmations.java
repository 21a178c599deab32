package io.flightdeck.postflight.ingest;

import io.flightdeck.copies.Acknowledged;
import io.flightdeck.event.RecordPersisted;
import io.flightdeck.record.LifecycleRecord;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Tells inflight-service, on {@code records.persisted} (key: the AccountSid), which record versions
 * are committed post-flight, so it may delete its copies. Sent only after the shard's commit;
 * {@link #confirm} completes once the broker has every confirmation (it retries until then).
 */
@ApplicationScoped
public class Confirmations {
  private final MutinyEmitter<RecordPersisted> topic;

  public Confirmations(
      @Channel("records-persisted") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
          MutinyEmitter<RecordPersisted> topic) {
    this.topic = topic;
  }

  public Uni<Void> confirm(List<? extends LifecycleRecord> records) {
    if (records.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return Uni.join()
        .all(records.stream().map(this::confirm).toList())
        .andFailFast()
        .replaceWithVoid();
  }

  private Uni<Void> confirm(LifecycleRecord record) {
    Message<RecordPersisted> message =
        Message.of(new RecordPersisted(record.accountSid(), record.sid(), record.version()))
            .addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(record.accountSid()).build());
    return Acknowledged.send(topic, message);
  }
}
