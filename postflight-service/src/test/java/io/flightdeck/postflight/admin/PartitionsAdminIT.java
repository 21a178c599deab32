package io.flightdeck.postflight.admin;

import static io.flightdeck.postflight.TestCallers.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import io.flightdeck.postflight.WithRealServers;
import io.flightdeck.postflight.operations.retirement.LiveRecordsAsTestsSay;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The partitions part of the operators' API on the running service, against the test shards (the
 * test profile sets a retention of 24 months; in-flight answers what LiveRecordsAsTestsSay is
 * told). Nothing here drops a partition: the drops themselves are in PartitionRetirementIT, on
 * schemas of their own.
 */
@QuarkusTest
@WithRealServers
class PartitionsAdminIT {
  private static final YearMonth TODAY = YearMonth.now(ZoneOffset.UTC);
  private static final YearMonth OLDEST_KEPT = TODAY.minusMonths(24);

  @Test
  void partitionsShowEveryShardsMonthsWithTheirRowsTheMonthsAheadAndTheRetention() {
    operator()
        .get("/admin/v1/Partitions")
        .then()
        .statusCode(200)
        .body("today", equalTo(TODAY.toString()))
        .body("months_ahead_kept", equalTo(3))
        .body("retention", equalTo(24))
        .body("oldest_kept", equalTo(OLDEST_KEPT.toString()))
        .body("row_counts", equalTo("estimate"))
        .body("shards.shard", contains("shard-0", "shard-1"))
        .body("shards.state", everyItem(equalTo("up")))
        .body("shards[0].tables.table", contains("calls", "messages"))
        .body("shards[1].tables[1].months_ahead", greaterThanOrEqualTo(3))
        .body("shards[0].tables[0].last_month", equalTo("2027-12"))
        .body("shards[0].tables[0].partitions.name", hasItems("p202601", "p202712", "p_future"))
        .body(
            "shards[0].tables[0].partitions.find { it.name == 'p_future' }.less_than",
            equalTo("MAXVALUE"))
        .body(
            "shards[0].tables[0].partitions.find { it.name == 'p202601' }.month",
            equalTo("2026-01"));
    operator()
        .queryParam("Exact", true)
        .get("/admin/v1/Partitions")
        .then()
        .statusCode(200)
        .body("row_counts", equalTo("exact"))
        .body("shards[0].tables[0].partitions.rows", everyItem(greaterThanOrEqualTo(0)));
  }

  @Test
  void aRetirementIsRefusedNamingTheReasonAndNothingIsDropped() {
    List<String> before = partitionNames();
    refused(null, 400, "body");
    refused("{\"before\": \"2025-13\"}", 400, "before must be a month, YYYY-MM");
    refused("{\"dry_run\": true}", 400, "before is required");
    refused("{\"before\": \"" + TODAY.plusMonths(1) + "\"}", 400, "is in the future");
    refused("{\"before\": \"" + OLDEST_KEPT.plusMonths(1) + "\"}", 409, "inside the retention");
    LiveRecordsAsTestsSay.silent();
    refused(
        "{\"before\": \"" + OLDEST_KEPT + "\"}",
        503,
        "cannot tell which months still hold records in flight");

    Instant oldestLive =
        OLDEST_KEPT.minusMonths(2).atDay(10).atStartOfDay().toInstant(ZoneOffset.UTC);
    LiveRecordsAsTestsSay.answer(Optional.of(oldestLive));
    refused("{\"before\": \"" + OLDEST_KEPT + "\"}", 409, "still holds records in flight");

    assertThat(partitionNames()).isEqualTo(before);
  }

  @Test
  void aDryRunThroughTheApiReportsEveryShardAndChangesNothing() {
    LiveRecordsAsTestsSay.answer(Optional.empty());
    List<String> before = partitionNames();
    String location =
        operator()
            .contentType(ContentType.JSON)
            .body("{\"before\": \"" + OLDEST_KEPT + "\", \"dry_run\": true}")
            .post("/admin/v1/PartitionRetirements")
            .then()
            .statusCode(201)
            .body("id", startsWith("OP"))
            .body("kind", equalTo("partition-retirement"))
            .body("dry_run", equalTo(true))
            .body("parameters.before", equalTo(OLDEST_KEPT.toString()))
            .extract()
            .header("Location");

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                operator()
                    .get(location)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("completed"))
                    .body("summary", equalTo("2 of 2 steps done"))
                    .body("steps.name", contains("shard-0", "shard-1"))
                    .body("steps.state", everyItem(equalTo("done")))
                    .body("steps.progress", everyItem(containsString("calls: "))));
    assertThat(partitionNames()).isEqualTo(before);
    operator()
        .get("/admin/v1/PartitionRetirements/OP00000000000000000000000000000000")
        .then()
        .statusCode(404)
        .body("status", equalTo(404));
  }

  private static void refused(String body, int status, String reason) {
    var request = operator().contentType(ContentType.JSON);
    if (body != null) {
      request = request.body(body);
    }
    request
        .post("/admin/v1/PartitionRetirements")
        .then()
        .statusCode(status)
        .body("status", equalTo(status))
        .body("message", containsString(reason));
  }

  private static List<String> partitionNames() {
    JsonPath report =
        operator().get("/admin/v1/Partitions").then().statusCode(200).extract().jsonPath();
    return report.getList("shards.tables.partitions.name.flatten()");
  }
}
