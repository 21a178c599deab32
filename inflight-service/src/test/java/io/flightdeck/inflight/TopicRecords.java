package io.flightdeck.inflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightdeck.servers.testing.TestServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** What the service published, as a consumer of its topics sees it. */
public final class TopicRecords {
  private TopicRecords() {}

  /** The account's completed-record events on {@code records.completed}; exactly {@code count}. */
  public static List<ConsumerRecord<String, byte[]>> completedOf(String account, int count) {
    return recordsOf("records.completed", account, count);
  }

  /** Reads the topic from the start until {@code count} records keyed by the account have come. */
  public static List<ConsumerRecord<String, byte[]>> recordsOf(
      String topic, String account, int count) {
    List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestServers.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (found.size() < count && System.nanoTime() < deadline) {
        consumer
            .poll(Duration.ofMillis(500))
            .forEach(
                r -> {
                  if (account.equals(r.key())) {
                    found.add(r);
                  }
                });
      }
    }
    assertThat(found).as("records of %s on %s", account, topic).hasSize(count);
    return found;
  }
}
