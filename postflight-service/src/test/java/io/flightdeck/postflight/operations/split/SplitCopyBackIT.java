package io.flightdeck.postflight.operations.split;

import static io.flightdeck.postflight.TestCallers.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import io.flightdeck.postflight.TestRecords;
import io.flightdeck.postflight.TestTopics;
import io.flightdeck.postflight.WithRealServers;
import io.flightdeck.postflight.operations.StepContext;
import io.flightdeck.postflight.operations.StepOutcome;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.CallStatus;
import io.flightdeck.record.MessageRecord;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
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
class SplitCopyBackIT extends ShardOneSplit {
  private final TestTopics topics = TestTopics.ofTestServers();
  private final Instant created = Instant.now().truncatedTo(ChronoUnit.MICROS);
  private volatile String lastProgress;

  SplitCopyBackIT() {
    super("copyback-it-", "postflight_cb_");
  }

  @BeforeEach
  void aTargetThatReplicatesTheSource() {
    SplitStepRuns.replicatingTarget(target, this::run);
  }

  @AfterEach
  void cancelled() {
    SplitStepRuns.movesUndone(this::run);
    targetServer().sql("SET GLOBAL slave_exec_mode = 'STRICT'");
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

    assertThat(undoAfterTheMoves())
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
    assertThat(totalRows(target())).as("the target's copy is dropped").isZero();
  }

  private CallRecord call(String account, String sid, CallStatus status, long version) {
    return TestRecords.call(
        account, sid, status, "+14155550100", "+14155550101", null, null, created, version);
  }

  private long onSource(String table, String where) {
    return Long.parseLong(
        sourceServer()
            .sql("SELECT COUNT(*) FROM %s.%s WHERE %s".formatted(source(), table, where))
            .strip());
  }

  /** A step's context that resumes from the progress the last run recorded. */
  @Override
  StepContext context(String step) {
    return SplitStepRuns.context(
        operationId,
        step,
        rangeSplit(),
        text -> {
          lastProgress = text;
          return Uni.createFrom().voidItem();
        },
        () -> Optional.ofNullable(lastProgress));
  }
}
