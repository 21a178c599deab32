package io.flightdeck.postflight.operations.split;

import static io.flightdeck.postflight.TestCallers.operator;
import static io.flightdeck.postflight.TestCallers.service;
import static org.awaitility.Awaitility.await;

import io.flightdeck.postflight.TestRecords;
import io.flightdeck.postflight.TestShards;
import io.flightdeck.postflight.control.ShardCatalogue;
import io.flightdeck.postflight.operations.StepContext;
import io.flightdeck.postflight.operations.StepOutcome;
import io.flightdeck.postflight.routing.KeyRange;
import io.flightdeck.postflight.routing.KeyspaceId;
import io.flightdeck.servers.MariaDbServer;
import io.flightdeck.servers.testing.TestServers;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the split step tests share: a split of the service's shard-1 (the source) to a target added
 * to the catalogue for each test, a fresh schema on shard-0's MariaDB, removed after it. The steps
 * run one at a time as the engine runs them ({@link SplitStepRuns}); each test says how a step's
 * progress is kept and which one a step resumes from (its {@link #context}).
 */
abstract class ShardOneSplit {
  static final Duration WAIT = SplitStepRuns.WAIT;

  /** The range the split moves, {@code c000000000000000-end}: the upper half of shard-1's. */
  static final KeyRange MOVED = new KeyRange(0xc000000000000000L, 0);

  /** The target's id in the catalogue. */
  final String target;

  /** The target's schema on shard-0's MariaDB. */
  final String database;

  final String operationId = "OPIT" + shortId();

  @Inject ShardSplit split;
  @Inject ShardCatalogue catalogue;

  ShardOneSplit(String targetPrefix, String databasePrefix) {
    target = targetPrefix + shortId();
    database = databasePrefix + shortId();
  }

  @BeforeEach
  void addTheTarget() {
    TestShards.add(target, "shard-0", database, 2);
  }

  @AfterEach
  void removeTheTarget() {
    TestShards.remove(target);
  }

  /** The context a run of the step is given. */
  abstract StepContext context(String step);

  StepOutcome run(String step) {
    return SplitStepRuns.run(split, context(step));
  }

  StepOutcome runUntilDone(String step) {
    return SplitStepRuns.untilSettled(() -> run(step));
  }

  /** The parameters of the split that moves {@link #MOVED} to the target. */
  String rangeSplit() {
    return new Split("shard-1", target, List.of(MOVED), List.of()).toJson();
  }

  /** The undo steps of the split cancelled after every step up to {@code move-writes} started. */
  List<String> undoAfterTheMoves() {
    return split.undo(
        rangeSplit(), List.of("clone", "catch-up", "move-reads", "auto-increment", "move-writes"));
  }

  /** The source's schema: shard-1's primary. */
  String source() {
    return catalogue.all().await().atMost(WAIT).stream()
        .filter(s -> s.id().equals("shard-1"))
        .findFirst()
        .orElseThrow()
        .primary()
        .database();
  }

  /** The target's schema. */
  String target() {
    return database;
  }

  MariaDbServer serverOf(String schema) {
    return schema.equals(database) ? targetServer() : sourceServer();
  }

  static MariaDbServer sourceServer() {
    return TestServers.servers().mariaDb("shard-1");
  }

  static MariaDbServer targetServer() {
    return TestServers.servers().mariaDb("shard-0");
  }

  /** Calls and messages on the schema, of every account. */
  long totalRows(String schema) {
    return Long.parseLong(
        serverOf(schema)
            .sql(
                "SELECT (SELECT COUNT(*) FROM %s.calls) + (SELECT COUNT(*) FROM %s.messages)"
                    .formatted(schema, schema))
            .strip());
  }

  /**
   * An INSERT of {@code rows} completed rows of an account into a table of the source, their sids
   * numbered from {@code from + 1}.
   */
  String insert(String table, String prefix, String account, int from, int rows) {
    return "INSERT INTO %s.%s (sid, account_sid, status, date_created, date_updated, version)"
            .formatted(source(), table)
        + " SELECT CONCAT('%s', SUBSTRING('%s', 3, 8), LPAD(seq, 24, '0')), '%s',"
            .formatted(prefix, account, account)
        + " 'completed', '2026-01-01', '2026-01-01', 1 FROM %s.seq_%d_to_%d"
            .formatted(source(), from + 1, from + rows);
  }

  /** An account in the moved range, or in shard-1's range that stays. */
  static String accountIn(boolean moved) {
    while (true) {
      String account = TestRecords.newAccount();
      long id = KeyspaceId.of(account).value();
      boolean inMoved = MOVED.contains(new KeyspaceId(id));
      boolean onShard1 = Long.compareUnsigned(id, 0x8000000000000000L) >= 0;
      if (onShard1 && inMoved == moved) {
        return account;
      }
    }
  }

  /** Waits until this instance routes the account's reads or writes to the shard (its poll). */
  static void awaitRoute(String account, String kind, String shard) {
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                shard.equals(
                    operator()
                        .get("/admin/v1/Accounts/" + account + "/Route")
                        .then()
                        .extract()
                        .path(kind + ".shard")));
  }

  /** The account's calls, read through the internal read API. */
  static ValidatableResponse listed(String account) {
    return service().get("/internal/v1/Accounts/" + account + "/Calls").then().statusCode(200);
  }

  private static String shortId() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
