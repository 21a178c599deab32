package io.flightdeck.postflight.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.flightdeck.event.CompletedRecordEvents;
import io.flightdeck.postflight.WithRealServers;
import io.flightdeck.postflight.routing.ShardMap;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.CallStatus;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.flightdeck.servers.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithRealServers
class CompletedRecordsIT {
  private static final ShardMap EVEN = ShardMap.evenly(List.of("shard-0", "shard-1"));
  private final String account = Sid.mint(SidKind.ACCOUNT).value();
  private final Instant created = Instant.now().truncatedTo(ChronoUnit.MICROS);

  @Test
  void aCompletedCallIsStoredOnItsAccountsShardAndConfirmed() {
    CallRecord call = call(Sid.mint(SidKind.CALL).value(), CallStatus.COMPLETED, "30", created, 4);
    publish(call.accountSid(), CompletedRecordEvents.completed(call));

    awaitStored(call.sid(), 4);
    given().get(calls() + "/" + call.sid()).then().body("duration", equalTo("30")).body("status", equalTo("completed"));
    String shard = EVEN.shardFor(account).orElseThrow();
    String other = shard.equals("shard-0") ? "shard-1" : "shard-0";
    assertThat(rowsFor(shard, call.sid())).isEqualTo("1");
    assertThat(rowsFor(other, call.sid())).isEqualTo("0");

    List<String> confirmations = persistedOf(account, 1);
    assertThat(confirmations.get(0)).contains("\"sid\":\"" + call.sid() + "\"", "\"version\":4");
  }

  @Test
  void aRepeatedOrOlderEventChangesNothing() {
    String sid = Sid.mint(SidKind.CALL).value();
    CallRecord newer = call(sid, CallStatus.COMPLETED, "90", created, 5);
    CallRecord older = call(sid, CallStatus.COMPLETED, "10", created, 3);
    publish(account, CompletedRecordEvents.completed(newer));
    publish(account, CompletedRecordEvents.completed(newer));
    publish(account, CompletedRecordEvents.completed(older));
    // A marker published after them on the same partition: once it is stored, so are they.
    CallRecord marker = call(Sid.mint(SidKind.CALL).value(), CallStatus.BUSY, null, created.minusSeconds(1), 2);
    publish(account, CompletedRecordEvents.completed(marker));
    awaitStored(marker.sid(), 2);

    given().get(calls() + "/" + sid).then().statusCode(200).body("version", equalTo(5)).body("duration", equalTo("90"));
    assertThat(rowsFor(EVEN.shardFor(account).orElseThrow(), sid)).isEqualTo("1");
  }

  @Test
  void anUnreadableEventGoesToTheDeadLetterTopicAndIngestGoesOn() {
    publish(account, "{\"not\": \"a cloud event\"}".getBytes(StandardCharsets.UTF_8));
    CallRecord after = call(Sid.mint(SidKind.CALL).value(), CallStatus.FAILED, null, created, 2);
    publish(account, CompletedRecordEvents.completed(after));
    awaitStored(after.sid(), 2);

    List<ConsumerRecord<String, byte[]>> dead = read("records.completed.dead-letter", account, 1);
    assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).contains("not");
    assertThat(new String(dead.get(0).headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
        .contains("CloudEvents");
  }

  @Test
  void theListIsNewestFirstAndContinuesAfterAPosition() {
    List<String> newestFirst = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      CallRecord call = call(Sid.mint(SidKind.CALL).value(), CallStatus.COMPLETED, "1", created.plusSeconds(i), 4);
      publish(account, CompletedRecordEvents.completed(call));
      newestFirst.add(0, call.sid());
    }
    awaitStored(newestFirst.get(0), 4);
    List<String> first = given().get(calls() + "?PageSize=3").then().statusCode(200).extract().path("records.sid");
    assertThat(first).containsExactlyElementsOf(newestFirst.subList(0, 3));
    List<String> rest =
        given().queryParam("PageSize", 3).queryParam("AfterDateCreated", created.plusSeconds(2).toString())
            .queryParam("AfterSid", first.get(2)).get(calls()).then().statusCode(200).extract().path("records.sid");
    assertThat(rest).containsExactlyElementsOf(newestFirst.subList(3, 5));
  }

  private String calls() {
    return "/internal/v1/Accounts/" + account + "/Calls";
  }

  private void awaitStored(String sid, long version) {
    await().atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> given().get(calls() + "/" + sid).then().statusCode(200).body("version", equalTo((int) version)));
  }

  private static String rowsFor(String shard, String sid) {
    return TestServers.servers().mariaDb(shard).sql("SELECT COUNT(*) FROM postflight.calls WHERE sid = '" + sid + "'").strip();
  }

  private CallRecord call(String sid, CallStatus status, String duration, Instant dateCreated, long version) {
    return new CallRecord(
        sid, account, null, status, "outbound-api", "+14155550100", "+14155550101", null, null, null,
        null, null, null, null, null, null, null, null, duration, null, null, dateCreated,
        dateCreated.plusSeconds(60), version);
  }

  private static void publish(String key, byte[] value) {
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafkaBootstrapServers()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      // Published as inflight-service's relay does, with the structured CloudEvents content type.
      ProducerRecord<String, byte[]> record = new ProducerRecord<>("records.completed", key, value);
      record.headers().add("content-type", CompletedRecordEvents.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
      producer.send(record);
    }
  }

  private static List<String> persistedOf(String account, int count) {
    return read("records.persisted", account, count).stream()
        .map(r -> new String(r.value(), StandardCharsets.UTF_8))
        .toList();
  }

  private static List<ConsumerRecord<String, byte[]>> read(String topic, String key, int count) {
    List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (found.size() < count && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(r -> {
          if (key.equals(r.key())) {
            found.add(r);
          }
        });
      }
    }
    assertThat(found).as("records of %s on %s", key, topic).hasSize(count);
    return found;
  }
}
