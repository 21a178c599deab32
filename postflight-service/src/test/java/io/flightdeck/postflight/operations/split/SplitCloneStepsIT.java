package io.flightdeck.postflight.operations.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flightdeck.postflight.WithRealServers;
import io.flightdeck.postflight.operations.StepContext;
import io.flightdeck.postflight.operations.StepOutcome;
import io.flightdeck.postflight.store.Shards;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The split's clone and catch-up steps as the engine runs them, on the service's own shard-1 and a
 * target added to the catalogue (a fresh schema on shard-0's MariaDB): the copy, replication of
 * what the source takes afterwards, a clone run again (its driver killed), and the undo of a
 * cancelled split.
 */
@QuarkusTest
@WithRealServers
class SplitCloneStepsIT extends ShardOneSplit {
  private final List<String> progress = new CopyOnWriteArrayList<>();

  @Inject Shards shards;

  SplitCloneStepsIT() {
    super("clone-it-", "postflight_clone_");
  }

  @BeforeEach
  void anEmptyTarget() {
    await().atMost(WAIT).until(() -> shards.migrated(target));
  }

  @Test
  void theTargetCopiesTheSourceFollowsItAndTheUndoDropsTheCopy() {
    String account = "AC" + UUID.randomUUID().toString().replace("-", "");
    insertCalls(account, 0, 1_500);

    assertThat(runUntilDone("clone")).isInstanceOf(StepOutcome.Done.class);
    assertThat(progress).anyMatch(p -> p.startsWith("rows copied: "));
    assertThat(count(target(), account)).isEqualTo(1_500);

    // Run again, as after a driver killed mid-step: the same copy, not twice the rows.
    assertThat(runUntilDone("clone")).isInstanceOf(StepOutcome.Done.class);
    assertThat(count(target(), account)).isEqualTo(1_500);

    insertCalls(account, 1_500, 500);
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> run("catch-up") instanceof StepOutcome.Done);
    assertThat(count(target(), account)).isEqualTo(2_000);
    assertThat(totalRows(target())).isEqualTo(totalRows(source()));

    assertThat(split.undo(rangeSplit(), List.of("clone", "catch-up"))).containsExactly("drop-copy");
    assertThat(run("drop-copy")).isInstanceOf(StepOutcome.Done.class);
    assertThat(totalRows(target())).isZero();
    insertCalls(account, 2_000, 10);
    assertThat(count(source(), account)).isEqualTo(2_010);
    assertThat(count(target(), account)).as("replication removed").isZero();
  }

  @Override
  StepContext context(String step) {
    return SplitStepRuns.context(operationId, step, rangeSplit(), progress);
  }

  private void insertCalls(String account, int from, int rows) {
    serverOf(source()).sql(insert("calls", "CA", account, from, rows));
  }

  private long count(String schema, String account) {
    return Long.parseLong(
        serverOf(schema)
            .sql(
                "SELECT COUNT(*) FROM %s.calls WHERE account_sid = '%s'".formatted(schema, account))
            .strip());
  }
}
