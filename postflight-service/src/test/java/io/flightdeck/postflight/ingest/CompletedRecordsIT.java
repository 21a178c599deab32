package io.flightdeck.postflight.ingest;

import static io.flightdeck.postflight.TestCallers.service;
import static io.flightdeck.postflight.TestRecords.call;
import static io.flightdeck.postflight.TestRecords.message;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.flightdeck.postflight.TestRecords;
import io.flightdeck.postflight.TestTopics;
import io.flightdeck.postflight.WithRealServers;
import io.flightdeck.postflight.routing.ShardMap;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.CallStatus;
import io.flightdeck.record.MessageRecord;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.flightdeck.servers.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithRealServers
class CompletedRecordsIT {
  private static final ShardMap EVEN = ShardMap.evenly(List.of("shard-0", "shard-1"));
  private final TestTopics topics = TestTopics.ofTestServers();
  private final String account = TestRecords.newAccount();
  private final Instant created = Instant.now().truncatedTo(ChronoUnit.MICROS);

  @Test
  void aCompletedCallIsStoredOnItsAccountsShardAndConfirmed() {
    CallRecord call =
        call(
            account,
            Sid.mint(SidKind.CALL).value(),
            CallStatus.COMPLETED,
            "+14155550100",
            "+14155550101",
            null,
            "30",
            created,
            4);
    topics.publishCompleted(call);

    awaitStored("Calls", call.sid(), 4);
    read("Calls", call.sid()).body("duration", equalTo("30")).body("status", equalTo("completed"));
    assertThat(rowsOnOwnAndOtherShard("calls", call.sid())).containsExactly("1", "0");
    assertThat(topics.valuesOf("records.persisted", account, 1).get(0))
        .contains("\"sid\":\"" + call.sid() + "\"", "\"version\":4");
  }

  @Test
  void aCompletedMessageIsStoredWithEveryFieldAndConfirmed() {
    MessageRecord sent =
        message(
            account,
            "+14155550100",
            "+14155550199",
            "hello there",
            created.plusSeconds(2),
            created,
            6);
    topics.publishCompleted(sent);

    awaitStored("Messages", sent.sid(), 6);
    read("Messages", sent.sid())
        .statusCode(200)
        .body("account_sid", equalTo(account))
        .body("status", equalTo("delivered"))
        .body("direction", equalTo("outbound-api"))
        .body("from", equalTo("+14155550100"))
        .body("to", equalTo("+14155550199"))
        .body("body", equalTo("hello there"))
        .body("num_media", equalTo("0"))
        .body("num_segments", equalTo("1"))
        .body("error_code", equalTo(null))
        .body("price", equalTo("-0.00750"))
        .body("price_unit", equalTo("USD"))
        .body("date_sent", equalTo(sent.dateSent().toString()))
        .body("date_created", equalTo(created.toString()));
    assertThat(rowsOnOwnAndOtherShard("messages", sent.sid())).containsExactly("1", "0");
    assertThat(topics.valuesOf("records.persisted", account, 1).get(0))
        .contains("\"sid\":\"" + sent.sid() + "\"", "\"version\":6");
  }

  @Test
  void aRepeatedOrOlderCallEventChangesNothing() {
    String sid = Sid.mint(SidKind.CALL).value();
    CallRecord newer = completedCall(sid, "90", 5);
    CallRecord older = completedCall(sid, "10", 3);
    topics.publishCompleted(newer);
    topics.publishCompleted(newer);
    topics.publishCompleted(older);
    awaitMarkerAfterThem();

    read("Calls", sid).statusCode(200).body("version", equalTo(5)).body("duration", equalTo("90"));
    assertThat(rowsOnOwnAndOtherShard("calls", sid)).containsExactly("1", "0");
  }

  @Test
  void aRepeatedOrOlderMessageEventChangesNothing() {
    String sid = Sid.mint(SidKind.MESSAGE).value();
    MessageRecord newer =
        message(account, sid, "+14155550100", "+14155550101", "final", created, created, 7);
    MessageRecord older =
        message(account, sid, "+14155550100", "+14155550101", "draft", created, created, 2);
    // Newer and older in one batch and in separate ones: the newest version wins either way.
    topics.publishCompleted("records.completed", List.of(newer, older, newer));
    topics.publishCompleted(older);
    awaitMarkerAfterThem();

    read("Messages", sid)
        .statusCode(200)
        .body("version", equalTo(7))
        .body("body", equalTo("final"));
    assertThat(rowsOnOwnAndOtherShard("messages", sid)).containsExactly("1", "0");
  }

  @Test
  void anUnreadableEventGoesToTheDeadLetterTopicWithItsReasonAndIngestGoesOn() {
    topics.publish(account, "{\"not\": \"a cloud event\"}".getBytes(StandardCharsets.UTF_8));
    awaitMarkerAfterThem();

    ConsumerRecord<String, byte[]> dead = deadLetterOf(account);
    assertThat(new String(dead.value(), StandardCharsets.UTF_8)).contains("not");
    assertThat(TestTopics.header(dead, "dead-letter-reason")).contains("CloudEvents");
    assertThat(TestTopics.header(dead, "dead-letter-cause")).isEqualTo("malformed");
    assertThat(TestTopics.header(dead, "dead-letter-topic")).isEqualTo("records.completed");
    assertThat(deadLettersCounted("malformed")).isPositive();
  }

  @Test
  void aRecordWithoutWhatTheStoreNeedsIsDeadLetteredAsInvalid() {
    CallRecord noDate =
        new CallRecord(
            Sid.mint(SidKind.CALL).value(),
            account,
            null,
            CallStatus.COMPLETED,
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
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            created,
            3);
    topics.publishCompleted(noDate);
    awaitMarkerAfterThem();

    ConsumerRecord<String, byte[]> dead = deadLetterOf(account);
    assertThat(TestTopics.header(dead, "dead-letter-cause")).isEqualTo("invalid");
    assertThat(TestTopics.header(dead, "dead-letter-reason")).contains("date_created");
    read("Calls", noDate.sid()).statusCode(404);
  }

  @Test
  void aRecordTheShardRefusesIsDeadLetteredAloneWhileTheRestOfItsBatchIsStored() {
    String tooLong = "+1" + "5".repeat(300);
    MessageRecord refused = message(account, "+14155550100", tooLong, "x", created, created, 3);
    MessageRecord fine = message(account, "+14155550100", "+14155550101", "y", created, created, 3);
    topics.publishCompleted("records.completed", List.of(refused, fine));
    awaitStored("Messages", fine.sid(), 3);

    ConsumerRecord<String, byte[]> dead = deadLetterOf(account);
    assertThat(TestTopics.header(dead, "dead-letter-cause")).isEqualTo("rejected");
    assertThat(TestTopics.header(dead, "dead-letter-reason")).contains("refused", "to_address");
    read("Messages", refused.sid()).statusCode(404);
    assertThat(deadLettersCounted("rejected")).isPositive();
  }

  @Test
  void aRecordWithATimeItsColumnCannotHoldIsDeadLetteredAloneNotStoredAsAZeroDate() {
    // MariaDB's DATETIME ends in year 9999: a later instant was stored as 0000-00-00, silently.
    CallRecord tooLate =
        TestRecords.withTimes(
            call(account, CallStatus.COMPLETED, created, 3),
            created,
            Instant.parse("+10000-01-01T00:00:00Z"));
    CallRecord fine = call(account, CallStatus.COMPLETED, created.plusSeconds(1), 3);
    topics.publishCompleted("records.completed", List.of(tooLate, fine));
    awaitStored("Calls", fine.sid(), 3);

    ConsumerRecord<String, byte[]> dead = deadLetterOf(account);
    assertThat(TestTopics.header(dead, "dead-letter-cause")).isEqualTo("rejected");
    assertThat(TestTopics.header(dead, "dead-letter-reason"))
        .contains("end_time", "+10000-01-01T00:00:00Z");
    read("Calls", tooLate.sid()).statusCode(404);
    assertThat(rowsOnOwnAndOtherShard("calls", tooLate.sid())).containsExactly("0", "0");
  }

  @Test
  void theListIsNewestFirstAndContinuesAfterAPosition() {
    List<String> newestFirst = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      CallRecord call = call(account, CallStatus.COMPLETED, created.plusSeconds(i), 4);
      topics.publishCompleted(call);
      newestFirst.add(0, call.sid());
    }
    awaitStored("Calls", newestFirst.get(0), 4);
    List<String> first =
        service()
            .get(path("Calls") + "?PageSize=3")
            .then()
            .statusCode(200)
            .extract()
            .path("records.sid");
    assertThat(first).containsExactlyElementsOf(newestFirst.subList(0, 3));
    List<String> rest =
        service()
            .queryParam("PageSize", 3)
            .queryParam("AfterDateCreated", created.plusSeconds(2).toString())
            .queryParam("AfterSid", first.get(2))
            .get(path("Calls"))
            .then()
            .statusCode(200)
            .extract()
            .path("records.sid");
    assertThat(rest).containsExactlyElementsOf(newestFirst.subList(3, 5));
  }

  /**
   * A completed call of the account with this sid, lasting {@code duration}, at {@code version}.
   */
  private CallRecord completedCall(String sid, String duration, long version) {
    return call(
        account,
        sid,
        CallStatus.COMPLETED,
        "+14155550100",
        "+14155550101",
        null,
        duration,
        created,
        version);
  }

  /** One record as the internal read API answers for it. */
  private ValidatableResponse read(String resource, String sid) {
    return service().get(path(resource) + "/" + sid).then();
  }

  private String path(String resource) {
    return "/internal/v1/Accounts/" + account + "/" + resource;
  }

  /**
   * A call published after the events of a test, on the same partition: once it is stored, they
   * were handled.
   */
  private void awaitMarkerAfterThem() {
    CallRecord marker = call(account, CallStatus.BUSY, created.minusSeconds(1), 2);
    topics.publishCompleted(marker);
    awaitStored("Calls", marker.sid(), 2);
  }

  private void awaitStored(String resource, String sid, long version) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> read(resource, sid).statusCode(200).body("version", equalTo((int) version)));
  }

  private ConsumerRecord<String, byte[]> deadLetterOf(String key) {
    return topics.read("records.completed.dead-letter", r -> key.equals(r.key()), 1).get(0);
  }

  private static double deadLettersCounted(String cause) {
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    return metrics
        .lines()
        .filter(
            line ->
                line.startsWith("postflight_dead_letters_total{")
                    && line.contains("cause=\"" + cause + "\""))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  private List<String> rowsOnOwnAndOtherShard(String table, String sid) {
    String own = EVEN.shardFor(account).orElseThrow();
    String other = own.equals("shard-0") ? "shard-1" : "shard-0";
    return List.of(rows(own, table, sid), rows(other, table, sid));
  }

  private static String rows(String shard, String table, String sid) {
    return TestServers.servers()
        .mariaDb(shard)
        .sql("SELECT COUNT(*) FROM postflight." + table + " WHERE sid = '" + sid + "'")
        .strip();
  }
}
