package io.flightdeck.postflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightdeck.event.CompletedRecordEvents;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.servers.testing.TestServers;
import io.flightdeck.servers.testing.TopicReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The test's side of the topics: publishes events as inflight-service's relay does, reads what came
 * out.
 */
public final class TestTopics {
  private final String bootstrapServers;

  public TestTopics(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /** The topics of the test servers' broker. */
  public static TestTopics ofTestServers() {
    return new TestTopics(TestServers.kafkaBootstrapServers());
  }

  /** Publishes each record's completed event, keyed by its account, and waits for the broker. */
  public void publishCompleted(String topic, List<? extends LifecycleRecord> records) {
    publishCompleted(topic, records, Map.of());
  }

  /** The same, each event with these headers too (as the retry topic's events carry theirs). */
  public void publishCompleted(
      String topic, List<? extends LifecycleRecord> records, Map<String, String> headers) {
    List<ProducerRecord<String, byte[]>> events = new ArrayList<>();
    records.forEach(
        r -> {
          ProducerRecord<String, byte[]> event =
              event(topic, r.accountSid(), CompletedRecordEvents.completed(r));
          headers.forEach(
              (name, value) -> event.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
          events.add(event);
        });
    send(events);
  }

  public void publishCompleted(LifecycleRecord... records) {
    publishCompleted("records.completed", List.of(records));
  }

  /** Publishes raw bytes as a completed-record event would be (key, CloudEvents content type). */
  public void publish(String key, byte[] value) {
    send(List.of(event("records.completed", key, value)));
  }

  private static ProducerRecord<String, byte[]> event(String topic, String key, byte[] value) {
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
    record
        .headers()
        .add("content-type", CompletedRecordEvents.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
    return record;
  }

  private void send(List<ProducerRecord<String, byte[]>> events) {
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG,
                5),
            new StringSerializer(),
            new ByteArraySerializer())) {
      List<Future<?>> sent = new ArrayList<>();
      events.forEach(e -> sent.add(producer.send(e)));
      for (Future<?> future : sent) {
        future.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("publishing failed", e);
    }
  }

  /**
   * The values (as text) of the records with this key on the topic, once {@code count} are there.
   */
  public List<String> valuesOf(String topic, String key, int count) {
    return read(topic, r -> key.equals(r.key()), count).stream()
        .map(r -> new String(r.value(), StandardCharsets.UTF_8))
        .toList();
  }

  /**
   * Reads the topic from the beginning until {@code count} records pass {@code wanted} (30 s at
   * most).
   */
  public List<ConsumerRecord<String, byte[]>> read(
      String topic, Predicate<ConsumerRecord<String, byte[]>> wanted, int count) {
    List<ConsumerRecord<String, byte[]>> found =
        TopicReader.read(bootstrapServers, topic, wanted, count);
    assertThat(found).as("records on %s", topic).hasSizeGreaterThanOrEqualTo(count);
    return found;
  }

  /** The text of a header of a record, or null. */
  public static String header(ConsumerRecord<String, byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
