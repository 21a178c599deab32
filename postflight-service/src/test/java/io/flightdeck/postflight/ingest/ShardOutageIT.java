package io.flightdeck.postflight.ingest;

import static io.flightdeck.postflight.TestCallers.service;
import static io.flightdeck.postflight.TestRecords.call;
import static io.flightdeck.postflight.TestRecords.message;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.flightdeck.postflight.TestRecords;
import io.flightdeck.postflight.TestTopics;
import io.flightdeck.postflight.WithRealServers;
import io.flightdeck.postflight.routing.ShardMap;
import io.flightdeck.record.CallStatus;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.servers.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * One shard down: the accounts of the other shard keep being ingested and served (the service stays
 * ready), the down shard's events wait on the retry topic and are all stored, once each, when it is
 * back, unless one has waited more often than the attempt limit allows.
 */
@QuarkusTest
@WithRealServers
class ShardOutageIT {
  private static final ShardMap EVEN = ShardMap.evenly(List.of("shard-0", "shard-1"));

  @Test
  void theOtherShardKeepsIngestingAndServingAndTheDownShardsEventsAreStoredOnceWhenItIsBack() {
    String up = accountOn("shard-0");
    String down = accountOn("shard-1");
    List<LifecycleRecord> upRecords = records(up);
    List<LifecycleRecord> downRecords = records(down);
    List<LifecycleRecord> interleaved = new ArrayList<>();
    for (int i = 0; i < upRecords.size(); i++) {
      interleaved.add(downRecords.get(i));
      interleaved.add(upRecords.get(i));
    }

    // Taken before the outage: asking TestServers for the broker later would start the stopped
    // shard again.
    TestTopics topics = TestTopics.ofTestServers();
    TestServers.servers().stop("mariadb-shard-1");
    try {
      topics.publishCompleted("records.completed", interleaved);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                assertThat(sids(up, "Calls")).hasSize(5);
                assertThat(sids(up, "Messages")).hasSize(5);
              });
      service()
          .get("/internal/v1/Accounts/" + down + "/Calls")
          .then()
          .statusCode(503)
          .body("status", equalTo(503));
      // Ready all the same: shard-0's accounts are served; readiness names the shard that is down.
      given()
          .get("/q/health/ready")
          .then()
          .statusCode(200)
          .body("checks.find { it.name == 'post-flight shards' }.data.shard-0", equalTo("up"))
          .body(
              "checks.find { it.name == 'post-flight shards' }.data.shard-1", startsWith("down: "));
      List<String> waiting =
          topics.read("records.completed.retry", r -> down.equals(r.key()), 10).stream()
              .map(r -> TestTopics.header(r, "flightdeck-waiting-for"))
              .distinct()
              .toList();
      assertThat(waiting).containsExactly("shard-1");

      // An event that has waited as often as the limit allows is dead-lettered the next time its
      // shard fails it.
      int maxAttempts =
          ConfigProvider.getConfig()
              .getValue("flightdeck.postflight.ingest.max-attempts", Integer.class);
      LifecycleRecord exhausted =
          call(down, CallStatus.COMPLETED, Instant.now().truncatedTo(ChronoUnit.MICROS), 3);
      topics.publishCompleted(
          "records.completed.retry",
          List.of(exhausted),
          Map.of(
              "flightdeck-attempt",
              String.valueOf(maxAttempts - 1),
              "flightdeck-waiting-for",
              "shard-1"));
      ConsumerRecord<String, byte[]> dead =
          topics.read("records.completed.dead-letter", r -> down.equals(r.key()), 1).get(0);
      assertThat(TestTopics.header(dead, "dead-letter-cause")).isEqualTo("exhausted");
      assertThat(TestTopics.header(dead, "dead-letter-reason"))
          .contains("shard-1", maxAttempts + " attempts");
      assertThat(TestTopics.header(dead, "dead-letter-topic")).isEqualTo("records.completed.retry");
    } finally {
      TestServers.servers().start("mariadb-shard-1");
    }

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              assertThat(sids(down, "Calls")).hasSize(5);
              assertThat(sids(down, "Messages")).hasSize(5);
            });
    for (LifecycleRecord r : downRecords) {
      String table = r.kind().name().equals("CALL") ? "calls" : "messages";
      String rows =
          TestServers.servers()
              .mariaDb("shard-1")
              .sql("SELECT COUNT(*) FROM postflight." + table + " WHERE sid = '" + r.sid() + "'")
              .strip();
      assertThat(rows).as("rows of %s", r.sid()).isEqualTo("1");
    }
    assertThat(topics.valuesOf("records.persisted", down, 10)).hasSizeGreaterThanOrEqualTo(10);
  }

  private static List<LifecycleRecord> records(String account) {
    Instant created = Instant.now().truncatedTo(ChronoUnit.MICROS);
    List<LifecycleRecord> records = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      records.add(call(account, CallStatus.COMPLETED, created.plusMillis(i), 3));
      records.add(
          message(
              account, "+14155550100", "+14155550101", "m" + i, created, created.plusMillis(i), 4));
    }
    return records;
  }

  private static List<String> sids(String account, String resource) {
    return service()
        .get("/internal/v1/Accounts/" + account + "/" + resource)
        .then()
        .statusCode(200)
        .extract()
        .path("records.sid");
  }

  private static String accountOn(String shard) {
    while (true) {
      String account = TestRecords.newAccount();
      if (EVEN.shardFor(account).orElseThrow().equals(shard)) {
        return account;
      }
    }
  }
}
