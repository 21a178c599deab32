package io.flightdeck.inflight.lifecycle;

import static io.flightdeck.inflight.Producer.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flightdeck.event.CompletedRecordEvents;
import io.flightdeck.inflight.Producer;
import io.flightdeck.inflight.StoredRows;
import io.flightdeck.inflight.TopicRecords;
import io.flightdeck.inflight.WithRealServers;
import io.flightdeck.inflight.nodes.InflightNode;
import io.flightdeck.inflight.nodes.InflightNodes;
import io.flightdeck.inflight.nodes.Slots;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.CallStatus;
import io.flightdeck.record.SidKind;
import io.flightdeck.servers.testing.TestServers;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Transitions written as one group: every write the group acknowledges is in MariaDB, a terminal
 * move's event commits with it, and a write that fails or finds its row moved on fails alone.
 */
@QuarkusTest
@WithRealServers
class GroupCommitIT {
  private final String account = Producer.newAccount();

  @Inject NodeWrites nodeWrites;
  @Inject InflightNodes nodes;
  @Inject Vertx vertx;
  @Inject ObjectMapper json;
  @Inject MeterRegistry metrics;

  /** A group's rows are on one node: the calls are made there, with Sids in a slot it owns. */
  private InflightNode node;

  private GroupCommit writes;

  @Test
  void oneGroupCommitsEveryGoodWriteAndFailsOnlyTheBadOne() throws Exception {
    node = nodes.all().get(0);
    writes = nodeWrites.on(node);
    List<CallRecord> moving = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      moving.add(createdOnTheNode());
    }
    CallRecord completing = createdOnTheNode();
    CallRecord tooLarge = createdOnTheNode();
    CallRecord movedOn = createdOnTheNode();

    List<GroupCommit.Write> group = new ArrayList<>();
    moving.forEach(call -> group.add(write(call, CallStatus.RINGING, null)));
    group.add(write(completing, CallStatus.COMPLETED, null));
    // Longer than the record column holds: MariaDB refuses this one statement.
    group.add(write(tooLarge, CallStatus.RINGING, "x".repeat(70_000)));
    // Decided at a version the row no longer has: changes nothing.
    group.add(
        new GroupCommit.Write(
            movedOn.withStatus(CallStatus.RINGING, now()), "{}", movedOn.version() + 1, now()));

    DistributionSummary groups =
        metrics.get("inflight.transition.groups").tag("node", node.name()).summary();
    long groupsBefore = groups.count();
    double writesBefore = groups.totalAmount();
    List<CompletableFuture<Boolean>> answers = sendTogether(group);

    for (int i = 0; i < moving.size() + 1; i++) {
      assertThat(answers.get(i).get(60, TimeUnit.SECONDS)).as("write %d", i).isTrue();
    }
    assertThat(answers.get(moving.size() + 1))
        .failsWithin(Duration.ofSeconds(60))
        .withThrowableThat()
        .withMessageContaining("too long");
    assertThat(answers.get(moving.size() + 2).get(60, TimeUnit.SECONDS)).isFalse();
    assertThat(groups.count() - groupsBefore).as("groups written").isEqualTo(1);
    assertThat(groups.totalAmount() - writesBefore).as("writes in it").isEqualTo(group.size());

    for (CallRecord call : moving) {
      assertThat(StoredRows.live(call.sid())).contains(new StoredRows.Live("ringing", 2));
    }
    assertThat(StoredRows.live(completing.sid())).contains(new StoredRows.Live("completed", 2));
    assertThat(StoredRows.live(tooLarge.sid())).contains(new StoredRows.Live("queued", 1));
    assertThat(StoredRows.live(movedOn.sid())).contains(new StoredRows.Live("queued", 1));
    CallRecord published =
        CompletedRecordEvents.readCallCompleted(
            TopicRecords.completedOf(account, 1).get(0).value());
    assertThat(published.sid()).isEqualTo(completing.sid());
    assertThat(published.version()).isEqualTo(2);
  }

  @Test
  void withoutAWindowTheFirstWriteGoesAtOnceAndTheRestGatherWhileItIsWritten() throws Exception {
    node = nodes.all().get(0);
    DistributionSummary groups = new SimpleMeterRegistry().summary("groups");
    writes = new GroupCommit(node.pool(), vertx, withoutWindow(1), groups);
    List<CallRecord> calls = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      calls.add(createdOnTheNode());
    }
    List<GroupCommit.Write> group = new ArrayList<>();
    calls.forEach(call -> group.add(write(call, CallStatus.RINGING, null)));

    List<CompletableFuture<Boolean>> answers = sendTogether(group);

    for (CompletableFuture<Boolean> answer : answers) {
      assertThat(answer.get(60, TimeUnit.SECONDS)).isTrue();
    }
    // One group in the database at a time: the first write alone, the four that came meanwhile
    // together once it ended.
    assertThat(groups.count()).as("groups written").isEqualTo(2);
    assertThat(groups.max()).as("the larger group").isEqualTo(4);
    for (CallRecord call : calls) {
      assertThat(StoredRows.live(call.sid())).contains(new StoredRows.Live("ringing", 2));
    }
  }

  private static WriteConfig withoutWindow(int concurrency) {
    return new WriteConfig() {
      @Override
      public Duration groupCommitWindow() {
        return Duration.ZERO;
      }

      @Override
      public int groupCommitMaxSize() {
        return 64;
      }

      @Override
      public int groupCommitConcurrency() {
        return concurrency;
      }

      @Override
      public int rememberedRecords() {
        return 0;
      }
    };
  }

  /**
   * A group chosen as a deadlock's victim: MariaDB rolls its whole transaction back, with the
   * statements of the group still to run after the failed one. Nothing of it may stay half done:
   * the group is written again, every write is applied, and every terminal move is published, once.
   */
  @Test
  void aGroupRolledBackByADeadlockIsWrittenAgainWithEveryEvent() throws Exception {
    node = nodes.all().get(0);
    writes = nodeWrites.on(node);
    List<CallRecord> calls = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      calls.add(createdOnTheNode());
    }
    calls.sort(Comparator.comparing(CallRecord::sid)); // the order the group locks them in
    CallRecord first = calls.get(0);
    CallRecord contended = calls.get(1);
    CallRecord last = calls.get(2);
    // Rows the other transaction changes (and rolls back at the end): it is the heavier of the
    // two, so MariaDB picks the group as the victim.
    List<String> ballast = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      ballast.add("'" + createdOnTheNode().sid() + "'");
    }
    // The group waits for the first row, held by a third transaction, while the other one, which
    // holds the contended row, queues behind it for the first row too. Once the third lets go,
    // the group takes the first row and asks for the contended one: a cycle.
    SqlConnection holder = node.pool().getConnection().await().atMost(Duration.ofSeconds(30));
    SqlConnection other = node.pool().getConnection().await().atMost(Duration.ofSeconds(30));
    List<CompletableFuture<Boolean>> answers;
    try {
      sql(holder, "BEGIN");
      sql(holder, forUpdate(first));
      sql(other, "BEGIN");
      sql(
          other,
          "UPDATE live_record SET version = version + 1000 WHERE sid IN ("
              + String.join(",", ballast)
              + ")");
      sql(other, forUpdate(contended));
      answers =
          sendTogether(
              List.of(
                  write(first, CallStatus.COMPLETED, null),
                  write(contended, CallStatus.RINGING, null),
                  write(last, CallStatus.COMPLETED, null)));
      await().atMost(Duration.ofSeconds(30)).until(() -> lockWaits() == 1);
      CompletableFuture<?> otherWaits =
          other.query(forUpdate(first)).execute().subscribeAsCompletionStage();
      await().atMost(Duration.ofSeconds(30)).until(() -> lockWaits() == 2);
      sql(holder, "ROLLBACK");
      otherWaits.get(30, TimeUnit.SECONDS); // granted once the group, the victim, is rolled back
      sql(other, "ROLLBACK");
    } finally {
      holder.closeAndAwait();
      other.closeAndAwait();
    }

    for (int i = 0; i < answers.size(); i++) {
      assertThat(answers.get(i).get(60, TimeUnit.SECONDS)).as("write %d applied", i).isTrue();
    }
    assertThat(StoredRows.live(first.sid())).contains(new StoredRows.Live("completed", 2));
    assertThat(StoredRows.live(contended.sid())).contains(new StoredRows.Live("ringing", 2));
    assertThat(StoredRows.live(last.sid())).contains(new StoredRows.Live("completed", 2));
    assertThat(
            TopicRecords.completedOf(account, 2).stream()
                .map(r -> CompletedRecordEvents.readCallCompleted(r.value()).sid()))
        .containsExactlyInAnyOrder(first.sid(), last.sid());
  }

  private static String forUpdate(CallRecord call) {
    return "SELECT sid FROM live_record WHERE sid = '" + call.sid() + "' FOR UPDATE";
  }

  private static void sql(SqlConnection connection, String statement) {
    connection.query(statement).execute().await().atMost(Duration.ofSeconds(30));
  }

  private long lockWaits() {
    return Long.parseLong(
        TestServers.servers()
            .mariaDb(node.name())
            .sql("SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'")
            .strip());
  }

  /** Sent from one event loop turn, so that the group's timer cannot fire between them. */
  private List<CompletableFuture<Boolean>> sendTogether(List<GroupCommit.Write> group)
      throws InterruptedException {
    List<CompletableFuture<Boolean>> answers = new ArrayList<>();
    CountDownLatch sent = new CountDownLatch(1);
    vertx.runOnContext(
        () -> {
          for (GroupCommit.Write write : group) {
            answers.add(writes.write(write).subscribeAsCompletionStage());
          }
          sent.countDown();
        });
    assertThat(sent.await(30, TimeUnit.SECONDS)).isTrue();
    return answers;
  }

  private GroupCommit.Write write(CallRecord current, CallStatus status, String stored) {
    CallRecord next = current.withStatus(status, now());
    return new GroupCommit.Write(
        next, stored == null ? asJson(next) : stored, current.version(), now());
  }

  private CallRecord createdOnTheNode() throws Exception {
    int slot = nodes.slots().owned().get(node.name()).get(0);
    String sid = Slots.mint(SidKind.CALL, slot);
    Producer.create(
            account,
            "{\"sid\": \"" + sid + "\", \"from\": \"+14155550100\", \"to\": \"+14155550101\"}")
        .statusCode(201);
    assertThat(StoredRows.nodesHolding(sid)).containsExactly(node.name());
    return stored(sid);
  }

  private CallRecord stored(String sid) throws Exception {
    String body =
        given()
            .get(Producer.calls(account) + "/" + sid)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    return json.readValue(body, CallRecord.class);
  }

  private String asJson(CallRecord record) {
    try {
      return json.writeValueAsString(record);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
