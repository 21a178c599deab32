package io.flightdeck.postflight.ingest;

import io.flightdeck.copies.EventCopies;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Where the events of a shard that is down wait: {@code records.completed.retry}, read again by
 * {@link RetriedRecords} after {@code flightdeck.postflight.ingest.retry-delay}. Each event keeps
 * its key, value and headers, plus {@code flightdeck-waiting-for} (the shard that did not answer)
 * and {@code flightdeck-attempt} (how often it was tried). Counted in {@code
 * postflight_records_waiting_total{shard=…}}.
 *
 * <p>{@link #send} completes once the broker has the event (see {@link EventCopies}): only then may
 * the offset of the topic it came from be committed.
 */
@ApplicationScoped
public class RetryTopic {
  static final String ATTEMPT = "flightdeck-attempt";
  static final String WAITING_FOR = "flightdeck-waiting-for";

  private final MutinyEmitter<byte[]> topic;
  private final MeterRegistry metrics;

  public RetryTopic(
      @Channel("records-completed-retry-out") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
          MutinyEmitter<byte[]> topic,
      MeterRegistry metrics) {
    this.topic = topic;
    this.metrics = metrics;
  }

  public Uni<Void> send(KafkaRecord<String, byte[]> event, String shard) {
    Map<String, String> headers =
        Map.of(ATTEMPT, String.valueOf(attempt(event) + 1), WAITING_FOR, shard);
    return EventCopies.send(topic, event, headers)
        .invoke(() -> metrics.counter("postflight.records.waiting", "shard", shard).increment());
  }

  /**
   * The same, without counting an attempt: for a record stored already whose confirmation waits for
   * the shard that serves its reads ({@link HeldConfirmations}); such a wait never dead-letters it.
   */
  public Uni<Void> sendUncounted(KafkaRecord<String, byte[]> event, String shard) {
    Map<String, String> headers =
        Map.of(ATTEMPT, String.valueOf(attempt(event)), WAITING_FOR, shard);
    return EventCopies.send(topic, event, headers)
        .invoke(() -> metrics.counter("postflight.records.waiting", "shard", shard).increment());
  }

  /** How often this event was tried before: 0 for an event from {@code records.completed}. */
  static int attempt(KafkaRecord<String, byte[]> event) {
    Header header = event.getHeaders().lastHeader(ATTEMPT);
    if (header == null) {
      return 0;
    }
    try {
      return Integer.parseInt(new String(header.value(), StandardCharsets.UTF_8));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
