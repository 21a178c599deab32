package io.flightdeck.postflight.operations.split;

import static io.flightdeck.postflight.TestCallers.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.flightdeck.postflight.TestRecords;
import io.flightdeck.postflight.TestTopics;
import io.flightdeck.postflight.WithRealServers;
import io.flightdeck.postflight.operations.StepContext;
import io.flightdeck.postflight.operations.StepOutcome;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.CallStatus;
import io.flightdeck.servers.MariaDbServer;
import io.flightdeck.servers.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The split's map moves as the engine runs them, on the service's own shard-1 (source, range {@code
 * c000000000000000-end}) and a target added to the catalogue (a fresh schema on shard-0's MariaDB):
 * reads move once the target replicates and has caught up, a moved account's confirmation waits for
 * the target to apply its commit, ids two apart, writes move, and a cancel puts both maps back.
 */
@QuarkusTest
@WithRealServers
class SplitMoveStepsIT extends ShardOneSplit {
  private final List<String> progress = new CopyOnWriteArrayList<>();
  private final TestTopics topics = TestTopics.ofTestServers();
  private final Instant created = Instant.now().truncatedTo(ChronoUnit.MICROS);

  SplitMoveStepsIT() {
    super("moves-it-", "postflight_moves_");
  }

  @BeforeEach
  void aTargetThatReplicatesTheSource() {
    SplitStepRuns.replicatingTarget(target, this::run);
  }

  @AfterEach
  void cancelled() {
    SplitStepRuns.movesUndone(this::run);
  }

  @Test
  void afterMovingReadsAMovedAccountsRecordIsListedFromTheTargetAndConfirmedOnlyOnceItIsThere() {
    String moved = accountIn(true);
    String stays = accountIn(false);

    assertThat(run("move-reads")).isInstanceOf(StepOutcome.Done.class);
    awaitRoute(moved, "read", target);
    awaitRoute(moved, "write", "shard-1");
    awaitRoute(stays, "read", "shard-1");
    operator()
        .get("/admin/v1/Shards")
        .then()
        .body("find { it.id == '" + target + "' }.replicates_from", equalTo("shard-1"));
    // Run again (a driver killed after publishing): the map is moved already, nothing published.
    StepOutcome again = run("move-reads");
    assertThat(again).isInstanceOf(StepOutcome.Done.class);
    assertThat(((StepOutcome.Done) again).progress()).contains("already");

    targetServer().sql("STOP SLAVE '" + linkName() + "'");
    CallRecord held = TestRecords.call(moved, CallStatus.COMPLETED, created, 3);
    CallRecord direct = TestRecords.call(stays, CallStatus.COMPLETED, created, 3);
    topics.publishCompleted(held, direct);

    await()
        .atMost(WAIT)
        .until(() -> rowsOnSource(held.sid()) == 1 && rowsOnSource(direct.sid()) == 1);
    assertThat(confirmationsWithin(moved, Duration.ofSeconds(6)))
        .as("no confirmation while the target that serves its reads lacks the record")
        .isZero();
    assertThat(confirmationsWithin(stays, Duration.ofSeconds(3)))
        .as(
            "nor for an account that stays: the target replicates its shard, and an instance that"
                + " has not seen the new read map yet must not confirm what readers of it miss")
        .isZero();
    listed(moved).body("records.size()", equalTo(0));

    targetServer().sql("START SLAVE '" + linkName() + "'");
    assertThat(topics.valuesOf("records.persisted", moved, 1).get(0)).contains(held.sid());
    assertThat(topics.valuesOf("records.persisted", stays, 1).get(0)).contains(direct.sid());
    listed(moved).body("records.size()", equalTo(1)).body("records[0].sid", equalTo(held.sid()));
    assertThat(deadLettersOf(moved)).isZero();
  }

  @Test
  void readsWaitForARunningLinkIdsGoTwoApartWritesFollowReadsAndACancelPutsBothMapsBack() {
    String moved = accountIn(true);
    targetServer().sql("STOP SLAVE '" + linkName() + "'");
    StepOutcome stopped = run("move-reads");
    assertThat(stopped).isInstanceOf(StepOutcome.Waiting.class);
    assertThat(((StepOutcome.Waiting) stopped).reason())
        .as("the read map never moves while the link does not run")
        .contains(linkName() + " is not running");
    assertThat(progress).anyMatch(p -> p.contains("is not running"));
    awaitRoute(moved, "read", "shard-1");
    targetServer().sql("START SLAVE '" + linkName() + "'");

    assertThat(run("move-writes"))
        .as("writes never move before reads")
        .isInstanceOf(StepOutcome.Waiting.class);
    assertThat(run("move-reads")).isInstanceOf(StepOutcome.Done.class);

    assertThat(run("auto-increment")).isInstanceOf(StepOutcome.Done.class);
    assertThat(autoIncrement(sourceServer())).isEqualTo("2/1");
    assertThat(autoIncrement(targetServer())).isEqualTo("2/2");

    assertThat(run("move-writes")).isInstanceOf(StepOutcome.Done.class);
    awaitRoute(moved, "write", target);
    assertThat(((StepOutcome.Done) run("move-writes")).progress()).contains("already");

    CallRecord written = TestRecords.call(moved, CallStatus.COMPLETED, created, 2);
    topics.publishCompleted(written);
    assertThat(topics.valuesOf("records.persisted", moved, 1).get(0)).contains(written.sid());
    listed(moved).body("records[0].sid", equalTo(written.sid()));
    assertThat(rowsOnSource(written.sid())).as("written on the target only").isZero();
    long id =
        Long.parseLong(
            targetServer()
                .sql("SELECT id FROM %s.calls WHERE sid = '%s'".formatted(database, written.sid()))
                .strip());
    assertThat(id % 2).as("the target hands out even ids").isZero();

    assertThat(undoAfterTheMoves())
        .containsExactly("restore-writes", "copy-back", "restore-reads", "drop-copy");
    assertThat(run("restore-reads"))
        .as("reads never go back before writes")
        .isInstanceOf(StepOutcome.Waiting.class);
    assertThat(run("restore-writes")).isInstanceOf(StepOutcome.Done.class);
    assertThat(run("restore-reads")).isInstanceOf(StepOutcome.Done.class);
    awaitRoute(moved, "write", "shard-1");
    awaitRoute(moved, "read", "shard-1");
    operator()
        .get("/admin/v1/Shards")
        .then()
        .body("find { it.id == '" + target + "' }.replicates_from", equalTo(null));
  }

  @Override
  StepContext context(String step) {
    return SplitStepRuns.context(operationId, step, rangeSplit(), progress);
  }

  private String linkName() {
    return "split-" + operationId.toLowerCase(java.util.Locale.ROOT);
  }

  private static String autoIncrement(MariaDbServer server) {
    return server
        .sql(
            "SELECT CONCAT(@@GLOBAL.auto_increment_increment, '/', @@GLOBAL.auto_increment_offset)")
        .strip();
  }

  private long rowsOnSource(String sid) {
    return Long.parseLong(
        sourceServer()
            .sql("SELECT COUNT(*) FROM %s.calls WHERE sid = '%s'".formatted(source(), sid))
            .strip());
  }

  private long confirmationsWithin(String account, Duration window) {
    return count("records.persisted", account, window);
  }

  private long deadLettersOf(String account) {
    return count("records.completed.dead-letter", account, Duration.ofSeconds(2));
  }

  /** How many records with this key the topic holds, read from its start for {@code window}. */
  private static long count(String topic, String key, Duration window) {
    long found = 0;
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestServers.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + window.toNanos();
      while (System.nanoTime() < deadline) {
        for (var r : consumer.poll(Duration.ofMillis(300))) {
          if (key.equals(r.key())) {
            found++;
          }
        }
      }
    }
    return found;
  }
}
