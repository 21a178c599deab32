package io.flightdeck.postflight.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * The dead-letter topic of completed records that can never be stored. Each dead letter is the
 * event as it arrived (key, value, headers) plus the headers SmallRye's own dead-letter queue
 * writes: {@code dead-letter-reason} (for an operator), {@code dead-letter-cause} (one word: {@link
 * Cause}), {@code dead-letter-topic}, {@code -partition} and {@code -offset}. Every dead letter
 * counts in {@code postflight_dead_letters_total{cause=…}}.
 *
 * <p>{@link #send} completes once the broker has the dead letter (see {@link EventCopies}), so the
 * source offset is never committed past an event that is neither stored nor dead-lettered.
 */
@ApplicationScoped
public class DeadLetters {
  private static final Logger LOG = Logger.getLogger(DeadLetters.class);

  /** Why an event can never be stored. */
  public enum Cause {
    /** Not a completed-record event of a known type. */
    MALFORMED,
    /** A completed-record event whose record lacks or misshapes a field the store needs. */
    INVALID,
    /** The write map sends the account to no shard the catalogue knows. */
    UNROUTABLE,
    /** The shard refused the row itself (a value too long for its column, say). */
    REJECTED,
    /**
     * The shard failed the record {@code max-attempts} times: it waited on the retry topic long
     * enough.
     */
    EXHAUSTED;

    String tag() {
      return name().toLowerCase();
    }
  }

  private final MutinyEmitter<byte[]> topic;
  private final MeterRegistry metrics;

  public DeadLetters(
      @Channel("records-dead-letter") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
          MutinyEmitter<byte[]> topic,
      MeterRegistry metrics) {
    this.topic = topic;
    this.metrics = metrics;
  }

  public Uni<Void> send(KafkaRecord<String, byte[]> event, Cause cause, String reason) {
    String offset =
        event
            .getMetadata(IncomingKafkaRecordMetadata.class)
            .map(m -> String.valueOf(m.getOffset()))
            .orElse("");
    LOG.warnf(
        "dead letter (%s) from %s-%d@%s: %s",
        cause.tag(), event.getTopic(), event.getPartition(), offset, reason);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("dead-letter-reason", reason);
    headers.put("dead-letter-cause", cause.tag());
    headers.put("dead-letter-topic", event.getTopic());
    headers.put("dead-letter-partition", String.valueOf(event.getPartition()));
    headers.put("dead-letter-offset", offset);
    return EventCopies.send(topic, event, headers)
        .invoke(() -> metrics.counter("postflight.dead.letters", "cause", cause.tag()).increment());
  }
}
