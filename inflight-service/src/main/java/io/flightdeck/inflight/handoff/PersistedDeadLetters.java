package io.flightdeck.inflight.handoff;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * {@code records.persisted.dead-letter}: confirmations that cannot be read, kept as they arrived
 * (key, value, headers) plus the headers SmallRye's own dead-letter queue writes: {@code
 * dead-letter-reason}, {@code dead-letter-cause} ({@code malformed}), {@code dead-letter-topic},
 * {@code -partition}, {@code -offset}. Each is counted in {@code inflight_dead_letters_total{topic,
 * cause}}: an operator sees them, where a log line alone was easy to miss. {@link #send} completes
 * once the broker has the dead letter, so the confirmation's offset is never committed past one
 * that is neither applied nor kept.
 */
@ApplicationScoped
public class PersistedDeadLetters {
  private static final Logger LOG = Logger.getLogger(PersistedDeadLetters.class);

  private final MutinyEmitter<byte[]> topic;
  private final MeterRegistry metrics;

  public PersistedDeadLetters(
      @Channel("records-persisted-dead-letter") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
          MutinyEmitter<byte[]> topic,
      MeterRegistry metrics) {
    this.topic = topic;
    this.metrics = metrics;
  }

  public Uni<Void> send(KafkaRecord<String, byte[]> event, String reason) {
    String offset =
        event
            .getMetadata(IncomingKafkaRecordMetadata.class)
            .map(m -> String.valueOf(m.getOffset()))
            .orElse("");
    LOG.warnf(
        "unreadable confirmation from %s-%d@%s, dead-lettered: %s",
        event.getTopic(), event.getPartition(), offset, reason);
    Map<String, String> added = new LinkedHashMap<>();
    added.put("dead-letter-reason", reason == null ? "unreadable" : reason);
    added.put("dead-letter-cause", "malformed");
    added.put("dead-letter-topic", event.getTopic());
    added.put("dead-letter-partition", String.valueOf(event.getPartition()));
    added.put("dead-letter-offset", offset);
    RecordHeaders headers = new RecordHeaders(event.getHeaders().toArray());
    added.forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
    Message<byte[]> copy =
        Message.of(event.getPayload())
            .addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder()
                    .withKey(event.getKey())
                    .withHeaders(headers)
                    .build());
    return topic
        .sendMessage(copy)
        .onFailure()
        .retry()
        .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5))
        .indefinitely()
        .invoke(
            () ->
                metrics
                    .counter(
                        "inflight.dead.letters", "topic", event.getTopic(), "cause", "malformed")
                    .increment());
  }
}
