package io.flightdeck.postflight.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flightdeck.postflight.FreshControl;
import io.flightdeck.postflight.TwoFreshShards;
import io.flightdeck.postflight.control.Leases;
import io.flightdeck.postflight.control.ShardCatalogue;
import io.flightdeck.postflight.operations.retirement.LiveRecords;
import io.flightdeck.postflight.operations.retirement.PartitionRetirement;
import io.flightdeck.postflight.operations.retirement.Retirements;
import io.flightdeck.postflight.partitions.Partition;
import io.flightdeck.postflight.partitions.PartitionsConfig;
import io.flightdeck.postflight.partitions.RetirementStatements;
import io.flightdeck.postflight.partitions.ShardPartitions;
import io.flightdeck.postflight.store.DatabaseServer;
import io.flightdeck.postflight.store.Shards;
import io.flightdeck.record.InvalidFieldException;
import io.flightdeck.servers.testing.TestServers;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retirement as an operation of the engine, on real shards and a real control database (each test
 * its own schemas), "today" being June 2026: what it drops and keeps, what it refuses, a shard down
 * in the middle, and a driver that dies mid-step.
 */
class PartitionRetirementIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Clock JUNE_2026 =
      Clock.fixed(Instant.parse("2026-06-15T12:00:00Z"), ZoneOffset.UTC);
  private static final List<String> SEEDED_MONTHS =
      List.of("2024-12-20", "2025-01-10", "2025-02-10", "2025-03-10");

  private Vertx vertx;
  private TwoFreshShards shards;
  private FreshControl control;
  private DatabaseServer shard0;
  private DatabaseServer shard1;
  private final AtomicReference<Optional<Instant>> oldestLive =
      new AtomicReference<>(Optional.empty());
  private OptionalInt retention = OptionalInt.empty();

  @BeforeEach
  void twoShardsWithFourMonthsOfRecords() {
    vertx = Vertx.vertx();
    shards = TwoFreshShards.create(vertx, "retire_it");
    control = shards.control();
    shard0 = shards.shard0();
    shard1 = shards.shard1();
    for (DatabaseServer shard : List.of(shard0, shard1)) {
      for (String day : SEEDED_MONTHS) {
        for (String table : List.of("calls", "messages")) {
          shards.insert(shard, table, "completed", day);
        }
      }
    }
  }

  @AfterEach
  void close() {
    shards.close();
    vertx.closeAndAwait();
  }

  @Test
  void retiringDropsEveryMonthBeforeTheGivenOneOnEveryShardAndKeepsTheRest() {
    Instance a = instance("a");
    OperationStatus started = a.retirements.start("2025-03", false).await().atMost(WAIT);
    assertThat(started.kind()).isEqualTo("partition-retirement");
    assertThat(started.parameters()).isEqualTo("{\"before\":\"2025-03\"}");

    OperationStatus done = awaitStatus(a, started.id(), OperationStatus.Status.COMPLETED);
    assertThat(done.steps())
        .extracting(OperationStatus.StepStatus::name)
        .containsExactly("shard-0", "shard-1");
    assertThat(done.steps())
        .allSatisfy(
            step -> {
              assertThat(step.state()).isEqualTo(StepState.DONE);
              assertThat(step.progress())
                  .contains("calls: dropped p_before, p202501, p202502")
                  .contains("messages: dropped p_before, p202501, p202502");
              assertThat(step.startedAt()).isNotNull();
              assertThat(step.endedAt()).isNotNull();
            });
    for (DatabaseServer shard : List.of(shard0, shard1)) {
      assertThat(partitionNames(shard, "calls"))
          .startsWith("p202503")
          .doesNotContain("p_before", "p202501", "p202502");
      assertThat(count(shard, "calls")).as("the March 2025 record stays").isEqualTo(1);
      assertThat(count(shard, "messages")).isEqualTo(1);
    }
    // The driver gives its lease back right after it records the last step (a periodic drive may be
    // that driver).
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(
                        a.operations
                            .status(started.id())
                            .await()
                            .atMost(WAIT)
                            .orElseThrow()
                            .driver())
                    .as("the lease is given back once every step is finished")
                    .isNull());
  }

  @Test
  void aRetirementStoppedBetweenItsStatementsIsFinishedByTheNextOneAndLeavesNoHoldingTable() {
    // shard-0 as a retirement stopped right after the swap leaves it: January's rows in the holding
    // table and January's partition empty; shard-1 as one stopped after the partition's drop.
    List<String> statements = RetirementStatements.of("calls", "p202501");
    for (String statement : statements.subList(0, 4)) {
      pool(shard0).query(statement).execute().await().atMost(WAIT);
    }
    for (String statement : statements.subList(0, 5)) {
      pool(shard1).query(statement).execute().await().atMost(WAIT);
    }
    assertThat(count(shard0, RetirementStatements.holdingTable("calls"))).isEqualTo(1);

    Instance a = instance("a");
    OperationStatus started = a.retirements.start("2025-03", false).await().atMost(WAIT);
    awaitStatus(a, started.id(), OperationStatus.Status.COMPLETED);

    for (DatabaseServer shard : List.of(shard0, shard1)) {
      assertThat(partitionNames(shard, "calls"))
          .startsWith("p202503")
          .doesNotContain("p_before", "p202501", "p202502");
      assertThat(count(shard, "calls")).as("the March 2025 record stays").isEqualTo(1);
      assertThat(
              pool(shard)
                  .query("SHOW TABLES LIKE '%\\_retiring'")
                  .execute()
                  .await()
                  .atMost(WAIT)
                  .size())
          .as("no holding table is left behind")
          .isZero();
    }
  }

  @Test
  void aDryRunCountsWhatItWouldDropAndDropsNothing() {
    Instance a = instance("a");
    OperationStatus started = a.retirements.start("2025-02", true).await().atMost(WAIT);
    OperationStatus done = awaitStatus(a, started.id(), OperationStatus.Status.COMPLETED);

    assertThat(done.dryRun()).isTrue();
    assertThat(done.steps())
        .allSatisfy(
            step ->
                assertThat(step.progress())
                    .isEqualTo(
                        "calls: would drop p_before (1 rows), p202501 (1 rows); messages: would drop p_before (1 rows), p202501 (1 rows)"));
    assertThat(count(shard0, "calls") + count(shard1, "calls")).isEqualTo(8);
    assertThat(partitionNames(shard0, "calls")).startsWith("p_before", "p202501");
  }

  @Test
  void
      aMalformedOrFutureMonthOneInsideTheRetentionOrOneStillInFlightIsRefusedAndNothingIsDropped() {
    Instance a = instance("a");
    assertThatThrownBy(() -> a.retirements.start("2025-13", false).await().atMost(WAIT))
        .isInstanceOf(InvalidFieldException.class)
        .hasMessageContaining("before must be a month, YYYY-MM");
    assertThatThrownBy(() -> a.retirements.start(null, false).await().atMost(WAIT))
        .isInstanceOf(InvalidFieldException.class)
        .hasMessageContaining("before is required");
    assertThatThrownBy(() -> a.retirements.start("2026-07", false).await().atMost(WAIT))
        .isInstanceOf(InvalidFieldException.class)
        .hasMessageContaining("before 2026-07 is in the future (this month is 2026-06)");

    retention = OptionalInt.of(16);
    Instance withRetention = instance("b");
    assertThatThrownBy(() -> withRetention.retirements.start("2025-03", false).await().atMost(WAIT))
        .isInstanceOf(OperationRefusedException.class)
        .hasMessageContaining(
            "before 2025-03 is inside the retention: flightdeck.postflight.retention = 16 months keeps every month from 2025-02 on");

    retention = OptionalInt.empty();
    oldestLive.set(Optional.of(Instant.parse("2025-01-31T23:59:59Z")));
    assertThatThrownBy(() -> a.retirements.start("2025-02", true).await().atMost(WAIT))
        .isInstanceOf(OperationRefusedException.class)
        .hasMessageContaining(
            "month 2025-01 still holds records in flight (the oldest live record was created 2025-01-31T23:59:59Z)")
        .hasMessageContaining("the latest before allowed is 2025-01");

    assertThat(a.operations.unfinished(PartitionRetirement.NAME).await().atMost(WAIT)).isEmpty();
    assertThat(
            count(shard0, "calls")
                + count(shard1, "calls")
                + count(shard0, "messages")
                + count(shard1, "messages"))
        .isEqualTo(16);
    // The month of the oldest live record itself is kept: before it may be retired.
    OperationStatus allowed = a.retirements.start("2025-01", false).await().atMost(WAIT);
    assertThat(awaitStatus(a, allowed.id(), OperationStatus.Status.COMPLETED).stepsDone())
        .isEqualTo(2);
  }

  @Test
  void aShardDownMidRetirementPausesItTheDoneShardStaysDoneAndItResumesWhenTheShardIsBack() {
    Instance a = instance("a");
    OperationStatus started;
    OperationStatus paused;
    TestServers.servers().stop("mariadb-shard-1");
    try {
      started = a.retirements.start("2025-02", false).await().atMost(WAIT);
      paused = awaitStatus(a, started.id(), OperationStatus.Status.PAUSED);
      assertThat(paused.steps().get(0).state()).isEqualTo(StepState.DONE);
      assertThat(paused.steps().get(1).state()).isEqualTo(StepState.WAITING);
      assertThat(paused.steps().get(1).reason()).isNotBlank();
      assertThat(paused.summary()).startsWith("1 of 2 steps done; shard-1 waiting: ");
      assertThat(partitionNames(shard0, "calls")).startsWith("p202502");
      // One retirement at a time (dry runs aside).
      assertThatThrownBy(() -> a.retirements.start("2025-03", false).await().atMost(WAIT))
          .isInstanceOf(OperationRefusedException.class)
          .hasMessageContaining("retirement " + started.id() + " is not finished (paused");
    } finally {
      TestServers.servers().start("mariadb-shard-1");
    }
    OperationStatus done = awaitStatus(a, started.id(), OperationStatus.Status.COMPLETED);
    assertThat(done.steps().get(0))
        .as("shard-0 was not done again")
        .isEqualTo(paused.steps().get(0));
    assertThat(done.steps().get(1).attempts()).isGreaterThan(1);
    assertThat(partitionNames(shard1, "calls")).startsWith("p202502");
    assertThat(partitionNames(shard1, "messages")).startsWith("p202502");
  }

  @Test
  void aDriverKilledMidStepIsReplacedOnceItsLeaseExpiresAndTheStepRunsAgain() {
    Instance dead = instance("dead");
    Instance b = instance("b");
    OperationStatus stored =
        dead.operations
            .start(
                PartitionRetirement.NAME,
                "{\"before\":\"2025-02\"}",
                false,
                List.of("shard-0", "shard-1"),
                true)
            .await()
            .atMost(WAIT);
    // What a driver killed with SIGKILL mid-step leaves behind: the step marked running, its lease
    // not renewed.
    dead.operations.stepRecords().started(stored.id(), 0).await().atMost(WAIT);
    assertThat(
            dead.leases
                .acquire(Operations.lease(stored.id()), "dead", Duration.ofSeconds(3))
                .await()
                .atMost(WAIT))
        .isTrue();

    b.driver.drive(stored.id()).await().atMost(WAIT);
    OperationStatus whileLeased =
        b.operations.status(stored.id()).await().atMost(WAIT).orElseThrow();
    assertThat(whileLeased.status()).isEqualTo(OperationStatus.Status.RUNNING);
    assertThat(whileLeased.driver()).isEqualTo("dead");
    assertThat(whileLeased.steps().get(0).state()).isEqualTo(StepState.RUNNING);
    assertThat(partitionNames(shard0, "calls"))
        .as("nothing done while the dead driver's lease lasts")
        .startsWith("p_before");

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                b.operations.status(stored.id()).await().atMost(WAIT).orElseThrow().status()
                    == OperationStatus.Status.PENDING);
    OperationStatus done = awaitStatus(b, stored.id(), OperationStatus.Status.COMPLETED);
    assertThat(done.steps().get(0).attempts()).isEqualTo(2);
    assertThat(done.steps().get(1).attempts()).isEqualTo(1);
    assertThat(partitionNames(shard0, "calls")).startsWith("p202502");
  }

  /** Drives the operation (as the driver's timer would) until it has the status. */
  private OperationStatus awaitStatus(
      Instance instance, String id, OperationStatus.Status expected) {
    return TestDrivers.driveUntil(
        instance.driver,
        instance.operations,
        id,
        WAIT,
        Duration.ofMillis(200),
        status -> assertThat(status.status()).as("%s", status).isEqualTo(expected));
  }

  private record Instance(
      Operations operations, Leases leases, OperationDriver driver, Retirements retirements) {}

  private Instance instance(String name) {
    Leases leases = new Leases(control.db());
    Operations operations = new Operations(control.db(), leases);
    ShardCatalogue catalogue = new ShardCatalogue(control.db());
    PartitionsConfig partitions = config(retention);
    PartitionRetirement kind =
        new PartitionRetirement(
            catalogue, new Shards(vertx), new ShardPartitions(), partitions, JUNE_2026);
    OperationDriver driver =
        TestDrivers.driver(operations, leases, name, Duration.ofMillis(300), List.of(kind), vertx);
    LiveRecords live = () -> Uni.createFrom().item(oldestLive.get());
    return new Instance(
        operations,
        leases,
        driver,
        new Retirements(partitions, live, operations, driver, catalogue, JUNE_2026));
  }

  private static PartitionsConfig config(OptionalInt retention) {
    return new PartitionsConfig() {
      public OptionalInt retention() {
        return retention;
      }

      public Keeper partitions() {
        return new Keeper() {
          public int monthsAhead() {
            return 3;
          }

          public Duration checkInterval() {
            return Duration.ofMinutes(10);
          }

          public Duration lease() {
            return Duration.ofMinutes(1);
          }
        };
      }
    };
  }

  private List<String> partitionNames(DatabaseServer shard, String table) {
    return new ShardPartitions()
        .layouts(pool(shard)).await().atMost(WAIT).get(table).partitions().stream()
            .map(Partition::name)
            .toList();
  }

  private long count(DatabaseServer shard, String table) {
    return pool(shard)
        .query("SELECT COUNT(*) FROM " + table)
        .execute()
        .await()
        .atMost(WAIT)
        .iterator()
        .next()
        .getLong(0);
  }

  private Pool pool(DatabaseServer shard) {
    return shards.pool(shard);
  }
}
