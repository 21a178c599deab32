package io.flightdeck.postflight;

import static io.flightdeck.postflight.TestCallers.service;
import static org.awaitility.Awaitility.await;

import io.flightdeck.event.CompletedRecordEvents;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.CallStatus;
import io.flightdeck.record.examples.ExampleRecords;
import io.flightdeck.record.sql.ColumnValues;
import io.flightdeck.record.sql.RecordColumns;
import io.flightdeck.servers.testing.TestServers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Completed calls for tests, published to {@code records.completed} as inflight-service's relay
 * publishes them (key = AccountSid, structured CloudEvents content type), and where they landed.
 */
public final class CompletedCalls {
  private CompletedCalls() {}

  /** A fresh completed call of the account, version 4. */
  public static CallRecord of(String accountSid) {
    Instant created = Instant.now().truncatedTo(ChronoUnit.MICROS);
    return RecordColumns.CALLS.with(
        ExampleRecords.sparseCall(CallStatus.COMPLETED, created),
        Map.of(
            "account_sid", accountSid,
            "direction", "outbound-api",
            "from_address", "+14155550100",
            "to_address", "+14155550101",
            "duration", "12",
            "date_updated", ColumnValues.utc(created.plusSeconds(12)),
            "version", 4L));
  }

  /** Publishes the call's completed event and waits for the broker's acknowledgement. */
  public static CallRecord publish(CallRecord call) {
    Map<String, Object> config =
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafkaBootstrapServers());
    try (var producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      var event =
          new ProducerRecord<>(
              "records.completed", call.accountSid(), CompletedRecordEvents.completed(call));
      event
          .headers()
          .add("content-type", CompletedRecordEvents.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
      producer.send(event).get();
      return call;
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException("publishing " + call.sid(), e);
    }
  }

  /** How many rows of this call the shard's calls table holds. */
  public static int rowsOn(String shard, String sid) {
    return Integer.parseInt(
        TestServers.servers()
            .mariaDb(shard)
            .sql("SELECT COUNT(*) FROM postflight.calls WHERE sid = '" + sid + "'")
            .strip());
  }

  /** Waits until the internal read API serves the call. */
  public static void awaitServed(CallRecord call, Duration within) {
    await()
        .atMost(within)
        .untilAsserted(
            () ->
                service()
                    .get("/internal/v1/Accounts/" + call.accountSid() + "/Calls/" + call.sid())
                    .then()
                    .statusCode(200));
  }
}
