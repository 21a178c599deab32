package io.flightdeck.postflight.ingest;

import io.flightdeck.event.CompletedRecordEvents;
import io.flightdeck.event.MalformedEventException;
import io.flightdeck.event.RecordPersisted;
import io.flightdeck.postflight.routing.Routing;
import io.flightdeck.postflight.store.CallStore;
import io.flightdeck.record.CallRecord;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Stores every completed record on its account's shard, then confirms it on {@code
 * records.persisted}. The Kafka offset is committed only after both (the payload is acknowledged
 * when the returned Uni completes), so a crash at any point replays the event and the idempotent
 * upsert makes the replay harmless.
 *
 * <p>An event that can never be stored (unreadable, or its account maps to no shard) fails and goes
 * to the dead-letter topic with the reason; a shard that is down is waited for, never skipped.
 */
@ApplicationScoped
public class CompletedRecords {
  private static final Logger LOG = Logger.getLogger(CompletedRecords.class);

  private final Routing routing;
  private final CallStore calls;
  private final MutinyEmitter<RecordPersisted> persisted;

  public CompletedRecords(
      Routing routing, CallStore calls, @Channel("records-persisted") MutinyEmitter<RecordPersisted> persisted) {
    this.routing = routing;
    this.calls = calls;
    this.persisted = persisted;
  }

  @Incoming("records-completed")
  public Uni<Void> store(byte[] event) {
    CallRecord call;
    try {
      call = CompletedRecordEvents.readCallCompleted(event);
    } catch (MalformedEventException e) {
      return Uni.createFrom().failure(e);
    }
    Routing.Route route =
        routing
            .forWrite(call.accountSid())
            .orElseThrow(() -> new UnroutableRecordException("no shard for account " + call.accountSid()));
    return calls
        .upsert(route.pool(), call)
        .onFailure()
        .invoke(e -> LOG.warnf("shard %s: storing %s failed, retrying: %s", route.shard(), call.sid(), e.getMessage()))
        .onFailure()
        .retry()
        .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5))
        .indefinitely()
        .chain(() -> confirm(call));
  }

  private Uni<Void> confirm(CallRecord call) {
    Message<RecordPersisted> message =
        Message.of(new RecordPersisted(call.accountSid(), call.sid(), call.version()))
            .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(call.accountSid()).build());
    return persisted
        .sendMessage(message)
        .onFailure()
        .retry()
        .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5))
        .indefinitely();
  }
}
