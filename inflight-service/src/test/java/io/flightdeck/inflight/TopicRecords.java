package io.flightdeck.inflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightdeck.servers.testing.TestServers;
import io.flightdeck.servers.testing.TopicReader;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

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
    List<ConsumerRecord<String, byte[]>> found =
        TopicReader.read(
            TestServers.kafkaBootstrapServers(), topic, r -> account.equals(r.key()), count);
    assertThat(found).as("records of %s on %s", account, topic).hasSize(count);
    return found;
  }
}
