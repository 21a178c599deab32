package io.flightdeck.servers.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A topic as a new consumer group sees it, for tests: read from the beginning until enough records
 * pass a filter, or {@link #PATIENCE} passed. Tests that use it bring {@code kafka-clients}.
 */
public final class TopicReader {
  /** How long a read waits for the records it wants. */
  public static final Duration PATIENCE = Duration.ofSeconds(30);

  private TopicReader() {}

  /**
   * A consumer in a group of its own, so that whatever it subscribes to it reads from the beginning
   * and commits nothing another reader would see. The caller closes it.
   */
  public static KafkaConsumer<String, byte[]> fromTheBeginning(String bootstrapServers) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.GROUP_ID_CONFIG,
            "test-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            "false"),
        new StringDeserializer(),
        new ByteArrayDeserializer());
  }

  /**
   * The records of the topic that pass {@code wanted}, from its beginning, once at least {@code
   * count} have come (fewer when {@link #PATIENCE} ran out: the caller asserts what it needs).
   */
  public static List<ConsumerRecord<String, byte[]>> read(
      String bootstrapServers,
      String topic,
      Predicate<ConsumerRecord<String, byte[]>> wanted,
      int count) {
    List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = fromTheBeginning(bootstrapServers)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (found.size() < count && System.nanoTime() < deadline) {
        consumer
            .poll(Duration.ofMillis(500))
            .forEach(
                r -> {
                  if (wanted.test(r)) {
                    found.add(r);
                  }
                });
      }
    }
    return found;
  }
}
