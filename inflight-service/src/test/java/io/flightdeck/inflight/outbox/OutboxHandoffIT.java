package io.flightdeck.inflight.outbox;

import static io.flightdeck.inflight.Producer.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.flightdeck.event.CompletedRecordEvents;
import io.flightdeck.inflight.Confirmations;
import io.flightdeck.inflight.Producer;
import io.flightdeck.inflight.StoredRows;
import io.flightdeck.inflight.TopicRecords;
import io.flightdeck.inflight.WithRealServers;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.CallStatus;
import io.flightdeck.servers.testing.TestServers;
import io.flightdeck.servers.testing.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithRealServers
class OutboxHandoffIT {
  private final String account = Producer.newAccount();

  /** Waits until the call is no longer readable in-flight: its confirmation was taken. */
  private void awaitGoneFromInflight(String sid) {
    await()
        .atMost(
            Duration.ofSeconds(
                60)) // a consumer group may first wait out a member of an earlier run
        .untilAsserted(
            () -> given().get(Producer.calls(account) + "/" + sid).then().statusCode(404));
  }

  @Test
  void aCompletedCallIsPublishedOnceAsACloudEventKeyedByItsAccount() {
    String sid = Producer.createCall(account);
    Producer.complete(account, sid);

    List<ConsumerRecord<String, byte[]>> events = eventsOf(account, 1);
    ConsumerRecord<String, byte[]> event = events.get(0);
    assertThat(event.key()).isEqualTo(account);
    String json = new String(event.value(), StandardCharsets.UTF_8);
    assertThat(json)
        .contains("\"id\":\"" + sid + ".4\"", "\"type\":\"io.flightdeck.call.completed.v1\"");
    CallRecord call = CompletedRecordEvents.readCallCompleted(event.value());
    assertThat(call.sid()).isEqualTo(sid);
    assertThat(call.status()).isEqualTo(CallStatus.COMPLETED);
    assertThat(call.duration()).isEqualTo("42");
    assertThat(call.version()).isEqualTo(4);
  }

  @Test
  void withTracingOffAnEventCarriesNoTraceEvenWhenItsCreateDid() {
    String sid =
        Producer.createTraced(account, RecordTraceIT.traceparent(), RecordTraceIT.CALL)
            .statusCode(201)
            .extract()
            .path("sid");
    Producer.move(account, sid, "{\"status\": \"busy\"}").statusCode(200);

    ConsumerRecord<String, byte[]> event = eventsOf(account, 1).get(0);
    assertThat(event.headers().lastHeader("traceparent")).isNull();
  }

  @Test
  void everyCompletedCallOfAnAccountIsPublishedOnceInOrderPerNode() {
    List<String> completed = new ArrayList<>();
    Map<String, String> nodeOf = new HashMap<>();
    for (int i = 0; i < 10; i++) {
      String sid = Producer.createCall(account);
      Producer.move(account, sid, "{\"status\": \"busy\"}").statusCode(200);
      completed.add(sid);
      nodeOf.put(sid, StoredRows.nodesHolding(sid).get(0));
    }
    List<String> published =
        eventsOf(account, 10).stream()
            .map(r -> CompletedRecordEvents.readCallCompleted(r.value()).sid())
            .toList();
    // The contract (EVENTS.md, "Order") is per record only: the account's calls live on both
    // nodes, each relaying its own outbox. One node's events of an account keep their order (one
    // lane, one relay at a time), which is what the relay promises and this checks beside it.
    assertThat(published).containsExactlyInAnyOrderElementsOf(completed);
    for (String node : StoredRows.NODES) {
      assertThat(published.stream().filter(sid -> nodeOf.get(sid).equals(node)))
          .as("events of node " + node)
          .containsExactlyElementsOf(
              completed.stream().filter(sid -> nodeOf.get(sid).equals(node)).toList());
    }
  }

  /**
   * The events that wait while the broker is away: the relay's sends fail until their delivery
   * timeout, and they are published once it is back, each node's in the order its calls completed.
   * A send that failed alone must not let the ones sent with it reach the topic first.
   */
  @Test
  void eventsHeldWhileTheBrokerIsAwayArePublishedOnceInOrderPerNode() {
    String before = Producer.createCall(account);
    Producer.complete(account, before);
    eventsOf(account, 1); // the relay has been publishing: its client knows the topic
    List<String> completed = new ArrayList<>();
    Map<String, String> nodeOf = new HashMap<>();
    TestServers.servers().stop("kafka");
    try {
      for (int i = 0; i < 8; i++) {
        String sid = Producer.createCall(account);
        Producer.move(account, sid, "{\"status\": \"busy\"}").statusCode(200);
        completed.add(sid);
        nodeOf.put(sid, StoredRows.nodesHolding(sid).get(0));
      }
      // Long enough for a try of the relay's to expire (delivery.timeout.ms, 10 s).
      sleep(Duration.ofSeconds(12));
    } finally {
      TestServers.servers().start("kafka");
    }
    // At least once: an event may come twice; what counts is where each one first appears.
    List<String> published =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    TopicReader.read(
                            TestServers.kafkaBootstrapServers(),
                            "records.completed",
                            r -> account.equals(r.key()),
                            completed.size() + 1)
                        .stream()
                        .map(r -> CompletedRecordEvents.readCallCompleted(r.value()).sid())
                        .filter(sid -> !sid.equals(before))
                        .distinct()
                        .toList(),
                sids -> sids.containsAll(completed));
    assertThat(published).containsExactlyInAnyOrderElementsOf(completed);
    for (String node : StoredRows.NODES) {
      assertThat(published.stream().filter(sid -> nodeOf.get(sid).equals(node)))
          .as("events of node %s, de-duplicated, in topic order", node)
          .containsExactlyElementsOf(
              completed.stream().filter(sid -> nodeOf.get(sid).equals(node)).toList());
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aFinishedCallStaysReadableUntilPostflightConfirmsIt() {
    String sid = Producer.createCall(account);
    Producer.complete(account, sid);
    eventsOf(account, 1);
    given().get(Producer.calls(account) + "/" + sid).then().statusCode(200);

    Confirmations.persisted(account, account, sid, 4);
    awaitGoneFromInflight(sid);
  }

  @Test
  void anUnreadableConfirmationIsDeadLetteredAndCountedAndConfirmationsGoOn() {
    String sid = Producer.createCall(account);
    Producer.complete(account, sid);
    eventsOf(account, 1);
    double before = deadLettersCounted();

    Confirmations.send(account, "{\"sid\": 42, \"version\": \"no\"");
    Confirmations.persisted(account, account, sid, 4);

    awaitGoneFromInflight(sid);
    ConsumerRecord<String, byte[]> dead =
        recordsOf("records.persisted.dead-letter", account, 1).get(0);
    assertThat(new String(dead.value(), StandardCharsets.UTF_8))
        .isEqualTo("{\"sid\": 42, \"version\": \"no\"");
    assertThat(header(dead, "dead-letter-reason")).isNotBlank();
    assertThat(header(dead, "dead-letter-topic")).isEqualTo("records.persisted");
    await().atMost(Duration.ofSeconds(10)).until(() -> deadLettersCounted() > before);
  }

  @Test
  void theRelayHoldsNoTransactionWhileItWaitsForTheBroker() {
    TestServers.servers().stop("kafka");
    try {
      String sid = Producer.createCall(account);
      Producer.complete(
          account, sid); // its event waits in the outbox; the relay tries and waits for the broker
      long until = System.nanoTime() + Duration.ofSeconds(8).toNanos();
      while (System.nanoTime() < until) {
        for (String node : StoredRows.NODES) {
          String open =
              TestServers.servers()
                  .mariaDb(node)
                  .sql(
                      "SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_started < NOW() - INTERVAL 1 SECOND")
                  .strip();
          assertThat(open).as("transactions open for more than a second on " + node).isEqualTo("0");
        }
      }
    } finally {
      TestServers.servers().start("kafka");
    }
    eventsOf(account, 1); // published once the broker is back
  }

  @Test
  void aConfirmationDeletesOnlyTheRowOfItsAccountAndVersion() {
    String sid = Producer.createCall(account);
    Producer.complete(account, sid);
    String other = Producer.newAccount();

    // Neither a confirmation naming another account nor one of an older version deletes the call.
    Confirmations.persisted(account, other, sid, 4);
    Confirmations.persisted(account, account, sid, 3);
    // A confirmation behind them on the same partition shows they have been handled.
    String marker = Producer.createCall(account);
    Producer.complete(account, marker);
    Confirmations.persisted(account, account, marker, 4);
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> given().get(Producer.calls(account) + "/" + marker).then().statusCode(404));

    given()
        .get(Producer.calls(account) + "/" + sid)
        .then()
        .statusCode(200)
        .body("version", equalTo(4));
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static double deadLettersCounted() {
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    return metrics
        .lines()
        .filter(
            line ->
                line.startsWith("inflight_dead_letters_total{")
                    && line.contains("topic=\"records.persisted\""))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  /** Reads records.completed from the start until {@code count} events of the account have come. */
  private static List<ConsumerRecord<String, byte[]>> eventsOf(String account, int count) {
    return TopicRecords.completedOf(account, count);
  }

  private static List<ConsumerRecord<String, byte[]>> recordsOf(
      String topic, String account, int count) {
    return TopicRecords.recordsOf(topic, account, count);
  }
}
