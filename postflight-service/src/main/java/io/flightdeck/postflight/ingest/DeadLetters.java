package io.flightdeck.postflight.ingest;

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
    DeadLetter letter = DeadLetter.of(event, cause.tag(), reason);
    LOG.warnf("dead letter (%s) from %s: %s", cause.tag(), letter.source(), reason);
    return EventCopies.send(topic, event, letter.headers())
        .invoke(() -> metrics.counter("postflight.dead.letters", "cause", cause.tag()).increment());
  }
}
