package io.flightdeck.postflight.admin;

import static io.flightdeck.postflight.TestCallers.operator;
import static io.flightdeck.postflight.admin.ShardMapsApi.latestVersion;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.startsWith;

import io.flightdeck.postflight.TestShards;
import io.flightdeck.postflight.WithRealServers;
import io.flightdeck.servers.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The split's pre-checks and dry run through the API: the plan of named steps with cut as the point
 * of no return, every refusal naming its reason, and nothing changed by any of them. The target is
 * a fresh schema on the test servers' shard-0 MariaDB, added to the catalogue for each test.
 */
@QuarkusTest
@WithRealServers
class ShardSplitsAdminIT {
  private final String target = "split-it-" + UUID.randomUUID().toString().substring(0, 8);
  private final String database =
      "postflight_split_" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void anEmptyTarget() {
    TestShards.add(target, "shard-0", database, 2);
  }

  @AfterEach
  void removeTheTarget() {
    TestShards.remove(target);
  }

  @Test
  void aDryRunChecksEverythingShowsThePlanAndChangesNothing() {
    long read = latestVersion("read");
    long write = latestVersion("write");
    String id =
        split(Map.of("source", "shard-1", "target", target, "dry_run", true))
            .statusCode(201)
            .body("kind", equalTo("shard-split"))
            .body("dry_run", equalTo(true))
            .body("point_of_no_return", equalTo("cut"))
            .body("parameters.ranges", contains("c000000000000000-end"))
            .body(
                "steps.name",
                contains(
                    "clone",
                    "catch-up",
                    "move-reads",
                    "auto-increment",
                    "move-writes",
                    "cut",
                    "delete-moved",
                    "rebuild"))
            .extract()
            .path("id");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                operator()
                    .get("/admin/v1/ShardSplits/" + id)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("completed"))
                    .body("steps.progress", everyItem(startsWith("dry run: would ")))
                    .body("past_point_of_no_return", equalTo(true)));
    Assertions.assertThat(latestVersion("read")).isEqualTo(read);
    Assertions.assertThat(latestVersion("write")).isEqualTo(write);
    operator()
        .post("/admin/v1/ShardSplits/" + id + "/Cancel")
        .then()
        .statusCode(409)
        .body("message", containsString("is finished; nothing to cancel"));
  }

  @Test
  void badSplitsAreRefusedNamingTheReasonAndNothingIsStored() {
    refused(Map.of("target", target, "dry_run", true), 400, "source is required");
    refused(
        Map.of("source", "shard-9", "target", target, "dry_run", true),
        400,
        "source: unknown shard shard-9");
    refused(
        Map.of("source", "shard-1", "target", "shard-9", "dry_run", true),
        400,
        "target: unknown shard shard-9");
    refused(
        Map.of(
            "source",
            "shard-1",
            "target",
            target,
            "ranges",
            List.of("0000000000000000-8000000000000000"),
            "dry_run",
            true),
        400,
        "ranges[0]: 0000000000000000-8000000000000000 is not the source's");
    refused(
        Map.of("source", "shard-1", "target", target, "ranges", List.of("c0-zz"), "dry_run", true),
        400,
        "ranges[0]");
    refused(
        Map.of("source", "shard-1", "target", "shard-0", "dry_run", true),
        409,
        "a map names shard shard-0 already");
    TestServers.servers()
        .mariaDb("shard-0")
        .sql(
            "INSERT INTO "
                + database
                + ".calls (sid, account_sid, status, date_created, date_updated, version) VALUES"
                + " ('CA00000000000000000000000000000001', 'AC00000000000000000000000000000001',"
                + " 'completed', '2026-01-01', '2026-01-01', 1)");
    refused(Map.of("source", "shard-1", "target", target, "dry_run", true), 409, "holds 1 rows");
    TestServers.servers().mariaDb("shard-0").sql("DELETE FROM " + database + ".calls");
    operator().post("/admin/v1/ShardSplits/OPnone/Cancel").then().statusCode(404);
    operator().get("/admin/v1/ShardSplits/OPnone").then().statusCode(404);
  }

  private static ValidatableResponse split(Map<String, Object> body) {
    return operator().contentType(ContentType.JSON).body(body).post("/admin/v1/ShardSplits").then();
  }

  private static void refused(Map<String, Object> body, int status, String message) {
    split(body).statusCode(status).body("message", containsString(message));
  }
}
