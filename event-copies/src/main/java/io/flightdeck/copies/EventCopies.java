package io.flightdeck.copies;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes a consumed event again, elsewhere: the same key, value and headers, some headers set
 * anew.
 */
public final class EventCopies {
  private EventCopies() {}

  /**
   * Sends the copy to {@code topic}'s channel and completes once the broker has acknowledged it
   * ({@link Acknowledged}): a broker that is away holds the consumer back, which is what keeps the
   * source offset from being committed past an event that is neither handled nor copied.
   *
   * @param headers set on the copy, replacing any of the same name the event had; a {@code null}
   *     value is an empty header
   */
  public static Uni<Void> send(
      MutinyEmitter<byte[]> topic, KafkaRecord<String, byte[]> event, Map<String, String> headers) {
    RecordHeaders copied = new RecordHeaders(event.getHeaders().toArray());
    headers.forEach(
        (name, value) -> {
          copied.remove(name);
          copied.add(name, value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8));
        });
    Message<byte[]> copy =
        Message.of(event.getPayload())
            .addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder()
                    .withKey(event.getKey())
                    .withHeaders(copied)
                    .build());
    return Acknowledged.send(topic, copy);
  }
}
