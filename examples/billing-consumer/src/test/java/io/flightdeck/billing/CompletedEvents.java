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
import io.flightdeck.record.examples.ExampleRecords;
import io.flightdeck.record.sql.ColumnValues;
import io.flightdeck.record.sql.RecordColumns;
import java.time.Instant;
import java.util.HashMap;
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
    Map<String, Object> fields = new HashMap<>();
    fields.put("account_sid", account);
    fields.put("direction", "outbound-api");
    fields.put("from_address", "+14155550100");
    fields.put("to_address", "+14155550101");
    fields.put("duration", duration);
    fields.put("date_updated", ColumnValues.utc(FINISHED));
    fields.put("version", 4L);
    return RecordColumns.CALLS.with(
        ExampleRecords.sparseCall(status, FINISHED.minusSeconds(120)), fields);
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
