package io.flightdeck.copies;

import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a consumed event came from and why it is dead-lettered, as the headers SmallRye Reactive
 * Messaging's own dead-letter queue writes: {@code dead-letter-reason} (for an operator), {@code
 * dead-letter-cause} (one word a dashboard can count by), {@code dead-letter-topic}, {@code
 * -partition} and {@code -offset}. Sent with {@link EventCopies#send} beside the event's own key,
 * value and headers.
 *
 * @param offset the event's offset, empty when the event carries no incoming metadata
 */
public record DeadLetter(String topic, int partition, String offset, String cause, String reason) {

  /** The dead letter of a consumed event. */
  public static DeadLetter of(KafkaRecord<?, ?> event, String cause, String reason) {
    String offset =
        event
            .getMetadata(IncomingKafkaRecordMetadata.class)
            .map(m -> String.valueOf(m.getOffset()))
            .orElse("");
    return new DeadLetter(event.getTopic(), event.getPartition(), offset, cause, reason);
  }

  /** {@code topic-partition@offset}, for a log line. */
  public String source() {
    return topic + "-" + partition + "@" + offset;
  }

  /** The five headers, in the order SmallRye writes them. */
  public Map<String, String> headers() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("dead-letter-reason", reason);
    headers.put("dead-letter-cause", cause);
    headers.put("dead-letter-topic", topic);
    headers.put("dead-letter-partition", String.valueOf(partition));
    headers.put("dead-letter-offset", offset);
    return headers;
  }
}
