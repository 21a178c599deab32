package io.flightdeck.postflight.operations.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flightdeck.postflight.TestShards;
import io.flightdeck.postflight.WithRealServers;
import io.flightdeck.postflight.control.ShardCatalogue;
import io.flightdeck.postflight.operations.StepContext;
import io.flightdeck.postflight.operations.StepOutcome;
import io.flightdeck.postflight.routing.KeyRange;
import io.flightdeck.postflight.store.ShardDefinition;
import io.flightdeck.postflight.store.Shards;
import io.flightdeck.servers.MariaDbServer;
import io.flightdeck.servers.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
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
class SplitCloneStepsIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private final String target = "clone-it-" + UUID.randomUUID().toString().substring(0, 8);
  private final String database =
      "postflight_clone_" + UUID.randomUUID().toString().substring(0, 8);
  private final String operationId = "OPIT" + UUID.randomUUID().toString().substring(0, 8);
  private final List<String> progress = new CopyOnWriteArrayList<>();

  @Inject ShardSplit split;
  @Inject ShardCatalogue catalogue;
  @Inject Shards shards;

  @BeforeEach
  void anEmptyTarget() {
    TestShards.add(target, "shard-0", database, 2);
    await().atMost(WAIT).until(() -> shards.migrated(target));
  }

  @AfterEach
  void removeTheTarget() {
    TestShards.remove(target);
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
    assertThat(total(target())).isEqualTo(total(source()));

    assertThat(split.undo(parameters(), List.of("clone", "catch-up"))).containsExactly("drop-copy");
    assertThat(run("drop-copy")).isInstanceOf(StepOutcome.Done.class);
    assertThat(total(target())).isZero();
    insertCalls(account, 2_000, 10);
    assertThat(count(source(), account)).isEqualTo(2_010);
    assertThat(count(target(), account)).as("replication removed").isZero();
  }

  private StepOutcome run(String step) {
    return SplitStepRuns.run(split, context(step));
  }

  private StepOutcome runUntilDone(String step) {
    return SplitStepRuns.untilSettled(() -> run(step));
  }

  private StepContext context(String step) {
    return SplitStepRuns.context(operationId, step, parameters(), progress);
  }

  private String parameters() {
    return new Split("shard-1", target, List.of(new KeyRange(0xc000000000000000L, 0)), List.of())
        .toJson();
  }

  private String source() {
    return definition("shard-1").primary().database();
  }

  private String target() {
    return database;
  }

  private ShardDefinition definition(String id) {
    return catalogue.all().await().atMost(WAIT).stream()
        .filter(s -> s.id().equals(id))
        .findFirst()
        .orElseThrow();
  }

  private static MariaDbServer serverOf(String schema) {
    return TestServers.servers()
        .mariaDb(schema.startsWith("postflight_clone_") ? "shard-0" : "shard-1");
  }

  private void insertCalls(String account, int from, int rows) {
    serverOf(source())
        .sql(
            "INSERT INTO "
                + source()
                + ".calls (sid, account_sid, status, date_created, date_updated, version)"
                + " SELECT CONCAT('CA', SUBSTRING('%s', 3, 8), LPAD(seq, 24, '0')), '%s',"
                    .formatted(account, account)
                + " 'completed', '2026-01-01', '2026-01-01', 1 FROM %s.seq_%d_to_%d"
                    .formatted(source(), from + 1, from + rows));
  }

  private static long count(String schema, String account) {
    return Long.parseLong(
        serverOf(schema)
            .sql(
                "SELECT COUNT(*) FROM %s.calls WHERE account_sid = '%s'".formatted(schema, account))
            .strip());
  }

  private static long total(String schema) {
    return Long.parseLong(
        serverOf(schema)
            .sql(
                "SELECT (SELECT COUNT(*) FROM %s.calls) + (SELECT COUNT(*) FROM %s.messages)"
                    .formatted(schema, schema))
            .strip());
  }
}
