package io.flightdeck.billing;

import io.flightdeck.event.CompletedRecordEvents;
import io.flightdeck.event.Topics;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.CallStatus;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.MessageRecord;
import io.flightdeck.record.MessageStatus;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** What inflight-service's relay would publish, written straight to {@code records.completed}. */
final class CompletedEvents implements AutoCloseable {
  static final Instant FINISHED = Instant.parse("2026-11-23T10:00:00Z");

  private final KafkaProducer<String, byte[]> producer;

  CompletedEvents(String bootstrapServers) {
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new ByteArraySerializer());
  }

  static CallRecord call(String account, CallStatus status, String duration) {
    return new CallRecord(
        Sid.mint(SidKind.CALL).value(),
        account,
        null,
        status,
        "outbound-api",
        "+14155550100",
        "+14155550101",
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        duration,
        null,
        null,
        FINISHED.minusSeconds(120),
        FINISHED,
        4);
  }

  static MessageRecord message(String account, MessageStatus status, String segments) {
    return new MessageRecord(
        Sid.mint(SidKind.MESSAGE).value(),
        account,
        status,
        "outbound-api",
        "+14155550100",
        "+14155550101",
        "hi",
        null,
        "0",
        segments,
        null,
        null,
        null,
        null,
        FINISHED,
        FINISHED.minusSeconds(5),
        FINISHED,
        3);
  }

  void publish(List<? extends LifecycleRecord> records) {
    records.forEach(r -> send(r.accountSid(), CompletedRecordEvents.completed(r)));
    producer.flush();
  }

  void send(String key, byte[] value) {
    try {
      producer.send(new ProducerRecord<>(Topics.RECORDS_COMPLETED, key, value)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  @Override
  public void close() {
    producer.close();
  }
}
