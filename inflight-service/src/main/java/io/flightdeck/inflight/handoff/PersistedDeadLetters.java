package io.flightdeck.inflight.handoff;

import io.flightdeck.copies.DeadLetter;
import io.flightdeck.copies.EventCopies;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * {@code records.persisted.dead-letter}: confirmations that cannot be read, kept as they arrived
 * (key, value, headers) plus the headers SmallRye's own dead-letter queue writes: {@code
 * dead-letter-reason}, {@code dead-letter-cause} ({@code malformed}), {@code dead-letter-topic},
 * {@code -partition}, {@code -offset}. Each is counted in {@code inflight_dead_letters_total{topic,
 * cause}}: an operator sees them, where a log line alone was easy to miss. {@link #send} completes
 * once the broker has the dead letter, so the confirmation's offset is never committed past one
 * that is neither applied nor kept ({@link EventCopies}).
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
    DeadLetter letter = DeadLetter.of(event, "malformed", reason == null ? "unreadable" : reason);
    LOG.warnf("unreadable confirmation from %s, dead-lettered: %s", letter.source(), reason);
    return EventCopies.send(topic, event, letter.headers())
        .invoke(
            () ->
                metrics
                    .counter(
                        "inflight.dead.letters", "topic", event.getTopic(), "cause", "malformed")
                    .increment());
  }
}
