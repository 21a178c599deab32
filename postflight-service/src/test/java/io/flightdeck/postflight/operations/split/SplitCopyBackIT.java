package io.flightdeck.postflight.operations.split;

import static io.flightdeck.postflight.TestCallers.service;
import static io.flightdeck.postflight.operations.split.SplitMoveStepsIT.accountIn;
import static io.flightdeck.postflight.operations.split.SplitMoveStepsIT.awaitRoute;
import static io.flightdeck.postflight.operations.split.SplitMoveStepsIT.listed;
import static io.flightdeck.postflight.operations.split.SplitMoveStepsIT.sourceServer;
import static io.flightdeck.postflight.operations.split.SplitMoveStepsIT.targetServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import io.flightdeck.postflight.TestRecords;
import io.flightdeck.postflight.TestShards;
import io.flightdeck.postflight.TestTopics;
import io.flightdeck.postflight.WithRealServers;
import io.flightdeck.postflight.control.ShardCatalogue;
import io.flightdeck.postflight.operations.StepContext;
import io.flightdeck.postflight.operations.StepOutcome;
import io.flightdeck.postflight.routing.KeyRange;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.CallStatus;
import io.flightdeck.record.MessageRecord;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A split cancelled after {@code move-writes} loses nothing: the records stored on the target since
 * then (new ones, and a newer version of one the source holds) are copied back to the source by the
 * undo step {@code copy-back}, before reads return there and the target's copy is dropped. Source:
 * the service's shard-1, range {@code c000000000000000-end}; target: a fresh schema on shard-0's
 * MariaDB.
 */
@QuarkusTest
@WithRealServers
class SplitCopyBackIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final KeyRange MOVED = new KeyRange(0xc000000000000000L, 0);
  private final String target = "copyback-it-" + UUID.randomUUID().toString().substring(0, 8);
  private final String database = "postflight_cb_" + UUID.randomUUID().toString().substring(0, 8);
  private final String operationId = "OPIT" + UUID.randomUUID().toString().substring(0, 8);
  private final TestTopics topics = TestTopics.ofTestServers();
  private final Instant created = Instant.now().truncatedTo(ChronoUnit.MICROS);
  private volatile String lastProgress;

  @Inject ShardSplit split;
  @Inject ShardCatalogue catalogue;

  @BeforeEach
  void aTargetThatReplicatesTheSource() {
    TestShards.add(target, "shard-0", database, 2);
    SplitStepRuns.replicatingTarget(target, this::run);
  }

  @AfterEach
  void cancelled() {
    SplitStepRuns.movesUndone(this::run);
    targetServer().sql("SET GLOBAL slave_exec_mode = 'STRICT'");
    TestShards.remove(target);
  }

  @Test
  void aCancelAfterMovingWritesCopiesTheTargetsNewRecordsBackBeforeReadsReturnAndDropsTheCopy() {
    String moved = accountIn(true);
    String sid = Sid.mint(SidKind.CALL).value();
    CallRecord before = call(moved, sid, CallStatus.BUSY, 2);
    topics.publishCompleted(before);
    assertThat(topics.valuesOf("records.persisted", moved, 1).get(0)).contains(sid);

    assertThat(run("move-reads")).isInstanceOf(StepOutcome.Done.class);
    assertThat(run("auto-increment")).isInstanceOf(StepOutcome.Done.class);
    assertThat(run("move-writes")).isInstanceOf(StepOutcome.Done.class);
    awaitRoute(moved, "write", target);

    CallRecord newer = call(moved, sid, CallStatus.COMPLETED, 3);
    CallRecord fresh = TestRecords.call(moved, CallStatus.COMPLETED, created, 2);
    MessageRecord message =
        TestRecords.message(moved, "+14155550100", "+14155550101", "hi", created, created, 1);
    topics.publishCompleted(newer, fresh, message);
    assertThat(topics.valuesOf("records.persisted", moved, 4)).hasSize(4);
    assertThat(onSource("calls", "sid = '" + fresh.sid() + "'"))
        .as("stored on the target only")
        .isZero();
    assertThat(onSource("calls", "sid = '" + sid + "' AND version = 3")).isZero();

    assertThat(
            split.undo(
                parameters(),
                List.of("clone", "catch-up", "move-reads", "auto-increment", "move-writes")))
        .containsExactly("restore-writes", "copy-back", "restore-reads", "drop-copy");
    assertThat(run("copy-back"))
        .as("nothing is copied while writes still go to the target")
        .isInstanceOf(StepOutcome.Waiting.class);
    assertThat(run("restore-writes")).isInstanceOf(StepOutcome.Done.class);
    StepOutcome copied =
        await().atMost(WAIT).until(() -> run("copy-back"), o -> o instanceof StepOutcome.Done);
    assertThat(((StepOutcome.Done) copied).progress()).startsWith("rows copied back: ");
    assertThat(onSource("calls", "account_sid = '" + moved + "'")).isEqualTo(2);
    assertThat(onSource("messages", "account_sid = '" + moved + "'")).isEqualTo(1);
    assertThat(targetServer().sql("SELECT @@GLOBAL.slave_exec_mode").strip()).isEqualTo("STRICT");
    assertThat(
            targetServer()
                .sql(
                    "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS"
                        + " WHERE VARIABLE_NAME = 'SLAVES_RUNNING'")
                .strip())
        .as("the link replayed the copied rows without stopping on a duplicate key")
        .isEqualTo("1");

    // Again (a driver killed before recording the end): harmless, the newest versions stay.
    assertThat(run("copy-back")).isInstanceOf(StepOutcome.Done.class);
    assertThat(onSource("calls", "account_sid = '" + moved + "'")).isEqualTo(2);

    assertThat(run("restore-reads")).isInstanceOf(StepOutcome.Done.class);
    awaitRoute(moved, "read", "shard-1");
    assertThat(run("drop-copy")).isInstanceOf(StepOutcome.Done.class);

    listed(moved)
        .body("records.sid", containsInAnyOrder(sid, fresh.sid()))
        .body("records.find { it.sid == '" + sid + "' }.status", equalTo("completed"));
    service()
        .get("/internal/v1/Accounts/" + moved + "/Messages")
        .then()
        .statusCode(200)
        .body("records.sid", containsInAnyOrder(message.sid()));
    assertThat(
            targetServer()
                .sql(
                    "SELECT (SELECT COUNT(*) FROM %s.calls) + (SELECT COUNT(*) FROM %s.messages)"
                        .formatted(database, database))
                .strip())
        .as("the target's copy is dropped")
        .isEqualTo("0");
  }

  private CallRecord call(String account, String sid, CallStatus status, long version) {
    return TestRecords.call(
        account, sid, status, "+14155550100", "+14155550101", null, null, created, version);
  }

  private long onSource(String table, String where) {
    String schema =
        catalogue.all().await().atMost(WAIT).stream()
            .filter(s -> s.id().equals("shard-1"))
            .findFirst()
            .orElseThrow()
            .primary()
            .database();
    return Long.parseLong(
        sourceServer()
            .sql("SELECT COUNT(*) FROM %s.%s WHERE %s".formatted(schema, table, where))
            .strip());
  }

  private StepOutcome run(String step) {
    return SplitStepRuns.run(split, context(step));
  }

  private StepOutcome runUntilDone(String step) {
    return SplitStepRuns.untilSettled(() -> run(step));
  }

  /** A step's context that resumes from the progress the last run recorded. */
  private StepContext context(String step) {
    return SplitStepRuns.context(
        operationId,
        step,
        parameters(),
        text -> {
          lastProgress = text;
          return Uni.createFrom().voidItem();
        },
        () -> Optional.ofNullable(lastProgress));
  }

  private String parameters() {
    return new Split("shard-1", target, List.of(MOVED), List.of()).toJson();
  }
}
