package io.flightdeck.stack;

import static org.awaitility.Awaitility.await;

import io.flightdeck.event.CompletedRecordEvents;
import io.flightdeck.event.Topics;
import io.flightdeck.record.CallRecord;
import io.flightdeck.servers.testing.TopicReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Billing's view of {@code records.completed}: a plain consumer in a group of its own that reads
 * the topic from its beginning, as a new consumer group would.
 */
final class CompletedCallsTopic {
  private final String bootstrapServers;

  CompletedCallsTopic(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * The completed calls of {@code accounts} on the topic, in the order read (one account's events
   * share a partition, so their order is the topic's), duplicates included. Reads until every event
   * id of {@code expected} has come, then to the end of the topic; gives up after {@code atMost}
   * with what it has, for the caller's assertions to name what is missing.
   */
  List<CallRecord> read(Set<String> accounts, Collection<String> expected, Duration atMost) {
    return read(
        accounts,
        expected,
        atMost,
        call -> CompletedRecordEvents.eventId(call.sid(), call.version()));
  }

  /**
   * As {@link #read(Set, Collection, Duration)}, for a caller that knows which calls completed but
   * not their versions: reads until every Sid of {@code expectedSids} has come.
   */
  List<CallRecord> readCalls(
      Set<String> accounts, Collection<String> expectedSids, Duration atMost) {
    return read(accounts, expectedSids, atMost, CallRecord::sid);
  }

  private List<CallRecord> read(
      Set<String> accounts,
      Collection<String> expected,
      Duration atMost,
      Function<CallRecord, String> identity) {
    List<CallRecord> events = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    try (KafkaConsumer<String, byte[]> consumer = TopicReader.fromTheBeginning(bootstrapServers)) {
      consumer.subscribe(List.of(Topics.RECORDS_COMPLETED));
      try {
        Runnable pollOnce = () -> poll(consumer, accounts, events, seen, identity);
        pollUntil(atMost, pollOnce, () -> seen.containsAll(expected));
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
        pollUntil(
            atMost,
            pollOnce,
            () ->
                end.entrySet().stream()
                    .allMatch(e -> consumer.position(e.getKey()) >= e.getValue()));
      } catch (ConditionTimeoutException e) {
        // What has come is returned; the caller's assertions say what is missing.
      }
    }
    return events;
  }

  /**
   * Polls (on this thread: the consumer is not thread-safe) until {@code done}, or fails with
   * {@link ConditionTimeoutException} after {@code atMost}.
   */
  private static void pollUntil(Duration atMost, Runnable pollOnce, BooleanSupplier done) {
    await()
        .atMost(atMost)
        .pollInSameThread()
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(10))
        .until(
            () -> {
              pollOnce.run();
              return done.getAsBoolean();
            });
  }

  private static void poll(
      KafkaConsumer<String, byte[]> consumer,
      Set<String> accounts,
      List<CallRecord> events,
      Set<String> seen,
      Function<CallRecord, String> identity) {
    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
      if (accounts.contains(record.key())) {
        CallRecord call = CompletedRecordEvents.readCallCompleted(record.value());
        events.add(call);
        seen.add(identity.apply(call));
      }
    }
  }
}
