package io.flightdeck.inflight;

import io.flightdeck.servers.testing.TestServers;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * postflight-service's side of the hand-off, as tests play it: {@code records.persisted}
 * confirmations.
 */
public final class Confirmations {
  private Confirmations() {}

  /**
   * Says that {@code sid} at {@code version} of {@code account} is stored post-flight, on the
   * partition of {@code key} (postflight keys them by AccountSid: one key keeps confirmations in
   * order).
   */
  public static void persisted(String key, String account, String sid, long version) {
    send(
        key,
        "{\"account_sid\":\"%s\",\"sid\":\"%s\",\"version\":%d}".formatted(account, sid, version));
  }

  /**
   * Puts {@code value} on {@code records.persisted} as it is, readable or not, on the partition of
   * {@code key}.
   */
  public static void send(String key, String value) {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafkaBootstrapServers()),
            new StringSerializer(),
            new StringSerializer())) {
      producer.send(new ProducerRecord<>("records.persisted", key, value));
    }
  }
}
