package io.flightdeck.postflight.monitoring;

import static io.flightdeck.postflight.Readiness.awaitReadiness;
import static io.flightdeck.postflight.Readiness.check;
import static io.flightdeck.postflight.ScrapedMetrics.label;
import static io.flightdeck.postflight.ScrapedMetrics.value;
import static io.flightdeck.postflight.TestCallers.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.flightdeck.postflight.CompletedCalls;
import io.flightdeck.postflight.TestRecords;
import io.flightdeck.postflight.TestShards;
import io.flightdeck.postflight.TestTopics;
import io.flightdeck.postflight.WithRealServers;
import io.flightdeck.postflight.routing.ShardMap;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.CallStatus;
import io.flightdeck.servers.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithRealServers
class PostflightMetricsIT {
  private static final ShardMap EVEN = ShardMap.evenly(List.of("shard-0", "shard-1"));
  private static final Duration MEASURED = Duration.ofSeconds(30);

  @Test
  void aJustStoredRecordMakesItsShardsNewestRecordYoung() {
    String account = TestRecords.newAccount();
    String shard = EVEN.shardFor(account).orElseThrow();
    // Last updated now: the record finished a minute after it was created.
    CallRecord call =
        TestRecords.call(
            account,
            CallStatus.COMPLETED,
            Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MICROS),
            3);
    TestTopics.ofTestServers().publishCompleted(call);
    CompletedCalls.awaitServed(call, MEASURED);

    await()
        .atMost(MEASURED)
        .untilAsserted(
            () ->
                assertThat(
                        value("postflight_shard_newest_record_age_seconds", label("shard", shard)))
                    .hasValueSatisfying(age -> assertThat(age).isBetween(0.0, 30.0)));
  }

  @Test
  void everyCataloguedShardIsUp() {
    await()
        .atMost(MEASURED)
        .untilAsserted(
            () -> {
              assertThat(value("postflight_shard_up", label("shard", "shard-0"))).hasValue(1.0);
              assertThat(value("postflight_shard_up", label("shard", "shard-1"))).hasValue(1.0);
            });
  }

  @Test
  void aShardAddedAtRunTimeGetsItsGaugesAndLosesThemWhenRemoved() {
    String id = "shard-m-" + UUID.randomUUID().toString().substring(0, 8);
    TestShards.add(id, "shard-1", "postflight_m_" + id.substring(8), 2);
    try {
      await()
          .atMost(MEASURED)
          .untilAsserted(
              () -> {
                assertThat(value("postflight_shard_up", label("shard", id))).hasValue(1.0);
                assertThat(value("postflight_shard_newest_record_age_seconds", label("shard", id)))
                    .as("no record stored there yet")
                    .hasValueSatisfying(age -> assertThat(age).isNaN());
              });
    } finally {
      operator().delete("/admin/v1/Shards/" + id).then().statusCode(204);
    }
    await()
        .atMost(MEASURED)
        .untilAsserted(
            () -> assertThat(value("postflight_shard_up", label("shard", id))).isEmpty());
  }

  @Test
  void aFlowingIngestIsReportedInReadinessAndNotStalled() {
    awaitReadiness(
        MEASURED,
        200,
        ready ->
            ready
                .body(check("ingest", "status"), equalTo("UP"))
                .body(check("ingest", "data.state"), equalTo("flowing"))
                .body(check("ingest", "data.stalled-after-seconds"), equalTo(300)));
    assertThat(value("postflight_ingest_stalled")).hasValue(0.0);
    assertThat(value("postflight_ingest_without_progress_seconds"))
        .hasValueSatisfying(seconds -> assertThat(seconds).isLessThan(300.0));
    assertThat(value("postflight_ingest_backlog"))
        .hasValueSatisfying(backlog -> assertThat(backlog).isGreaterThanOrEqualTo(0.0));
    // The backlog is read from the consumers' own lag, which the Kafka client's binder exports
    // (it looks for new client metrics once a minute).
    await()
        .atMost(Duration.ofSeconds(150))
        .untilAsserted(
            () ->
                assertThat(
                        value(
                            "kafka_consumer_fetch_manager_records_lag",
                            label("topic", "records.completed")))
                    .isPresent());
  }

  @Test
  void anUnfinishedOperationShowsItsStepsUntilEveryStepIsFinished() {
    String id = "OP" + UUID.randomUUID().toString().replace("-", "");
    // A kind no instance knows: the driver leaves it alone, so its steps stay as written here.
    String kind = "metrics-it";
    control(
        "INSERT INTO operations (id, kind, parameters, dry_run, independent_steps, created_at)"
            + " VALUES ('%s', '%s', '{}', FALSE, FALSE, NOW(6));".formatted(id, kind)
            + " INSERT INTO operation_steps (operation_id, ordinal, name, state, updated_at) VALUES"
            + " ('%1$s', 0, 'first', 'done', NOW(6)), ('%1$s', 1, 'second', 'waiting', NOW(6)),"
                .formatted(id)
            + " ('%s', 2, 'third', 'pending', NOW(6))".formatted(id));
    try {
      String[] labels = {label("kind", kind), label("operation", id)};
      await()
          .atMost(MEASURED)
          .untilAsserted(
              () -> {
                assertThat(value("postflight_operation_steps_done", labels)).hasValue(1.0);
                assertThat(value("postflight_operation_steps_planned", labels)).hasValue(3.0);
              });

      control("UPDATE operation_steps SET state = 'done' WHERE operation_id = '%s'".formatted(id));
      await()
          .atMost(MEASURED)
          .untilAsserted(
              () -> {
                assertThat(value("postflight_operation_steps_done", labels)).isEmpty();
                assertThat(value("postflight_operation_steps_planned", labels)).isEmpty();
              });
    } finally {
      control(
          "DELETE FROM operation_steps WHERE operation_id = '%1$s';".formatted(id)
              + " DELETE FROM operations WHERE id = '%s'".formatted(id));
    }
  }

  private static void control(String sql) {
    String database =
        ConfigProvider.getConfig()
            .getOptionalValue("flightdeck.postflight.control.database", String.class)
            .orElse("postflight_control");
    TestServers.servers().mariaDb("control").sql("USE " + database + "; " + sql);
  }
}
