package io.flightdeck.postflight.admin;

import static io.flightdeck.postflight.TestCallers.operator;
import static io.flightdeck.postflight.admin.ShardMapsApi.HALF;
import static io.flightdeck.postflight.admin.ShardMapsApi.awaitInForce;
import static io.flightdeck.postflight.admin.ShardMapsApi.change;
import static io.flightdeck.postflight.admin.ShardMapsApi.latestVersion;
import static io.flightdeck.postflight.admin.ShardMapsApi.put;
import static io.flightdeck.postflight.admin.ShardMapsApi.range;
import static io.flightdeck.postflight.admin.ShardMapsApi.replicates;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.flightdeck.postflight.CompletedCalls;
import io.flightdeck.postflight.WithRealServers;
import io.flightdeck.postflight.control.CatalogueChanges;
import io.flightdeck.postflight.routing.KeyspaceId;
import io.flightdeck.postflight.store.Shards;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.flightdeck.servers.MariaDbEndpoint;
import io.flightdeck.servers.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Shards added to and removed from the catalogue at run time, and the order in which the maps may
 * move a range to a new shard. The new shard is a fresh schema on the test servers' shard-1
 * MariaDB.
 */
@QuarkusTest
@WithRealServers
class ShardsAdminIT {
  @Inject Shards shards;
  @Inject CatalogueChanges changes;
  private static final String UPPER_QUARTER = "c000000000000000";
  private final String id = "shard-rt-" + UUID.randomUUID().toString().substring(0, 8);
  private final String database =
      "postflight_rt_" + UUID.randomUUID().toString().substring(0, 8).replace("-", "");
  private final MariaDbEndpoint server = TestServers.mariaDb("shard-1");

  @AfterEach
  void leaveTheCatalogueAsFound() {
    List<String> ids = operator().get("/admin/v1/Shards").then().extract().path("id");
    if (ids.contains(id)) {
      // Back in the reverse order: the new shard replicates again, writes move back, then reads.
      replicates(id, "shard-1");
      awaitInForce("write", change("write", ShardMapsApi.even(), Map.of()));
      awaitInForce("read", change("read", ShardMapsApi.even(), Map.of()));
      replicates(id, null);
      operator().delete("/admin/v1/Shards/" + id).then().statusCode(204);
    }
  }

  @Test
  void aShardAddedAtRunTimeIsOpenedWithinOneSecondAndClosedWhenRemoved() {
    operator()
        .contentType(ContentType.JSON)
        .body(body(id, server.port(), database))
        .post("/admin/v1/Shards")
        .then()
        .statusCode(201)
        .body("id", equalTo(id))
        .body("primary.database", equalTo(database))
        .body("primary.password", nullValue())
        .body("replicates_from", nullValue());
    long added = System.nanoTime();
    await()
        .atMost(Duration.ofSeconds(1))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> "up".equals(readiness(id)));
    assertThat(Duration.ofNanos(System.nanoTime() - added)).isLessThan(Duration.ofSeconds(1));
    operator().get("/admin/v1/Shards").then().body("id", hasItem(id));

    operator().delete("/admin/v1/Shards/" + id).then().statusCode(204);
    long removed = System.nanoTime();
    await()
        .atMost(Duration.ofSeconds(1))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> readiness(id) == null);
    assertThat(Duration.ofNanos(System.nanoTime() - removed)).isLessThan(Duration.ofSeconds(1));
    operator().get("/admin/v1/Shards").then().body("id", not(hasItem(id)));
    operator().delete("/admin/v1/Shards/" + id).then().statusCode(404);
  }

  @Test
  void idNumberingReachesEverySessionWithinOneSecondAndOutlivesARestartOfTheServer() {
    Pool before = shards.pool("shard-0").orElseThrow();
    var sleeping = before.query("SELECT SLEEP(2) AS slept").execute().subscribeAsCompletionStage();
    try {
      changes.numberIds(4, Map.of("shard-0", 3)).await().atMost(Duration.ofSeconds(10));
      long renewed = System.nanoTime();
      await()
          .atMost(Duration.ofSeconds(1))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> shards.pool("shard-0").orElseThrow() != before);
      assertThat(Duration.ofNanos(System.nanoTime() - renewed)).isLessThan(Duration.ofSeconds(1));
      assertThat(sleeping.join().iterator().next().getLong("slept"))
          .as("the old pool finishes the work it started")
          .isZero();
      assertThat(newRowId() % 4).isEqualTo(3);

      // A restart of the server forgets its global variables; each new session is set again.
      TestServers.servers().stop("mariadb-shard-0");
      TestServers.servers().start("mariadb-shard-0");
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .untilAsserted(() -> assertThat(newRowId() % 4).isEqualTo(3));
    } finally {
      changes.numberIds(1, Map.of("shard-0", 1)).await().atMost(Duration.ofSeconds(10));
    }
  }

  /** The id a new row of shard-0's calls gets through the service's pool (the row is removed). */
  private long newRowId() {
    String sid = Sid.mint(SidKind.CALL).value();
    return shards
        .pool("shard-0")
        .orElseThrow()
        .withConnection(
            conn ->
                conn.preparedQuery(
                        "INSERT INTO calls (sid, account_sid, status, date_created, date_updated,"
                            + " version) VALUES (?, ?, 'completed', '2026-01-01', '2026-01-01', 1)")
                    .execute(Tuple.of(sid, Sid.mint(SidKind.ACCOUNT).value()))
                    .chain(
                        () ->
                            conn.preparedQuery("SELECT id FROM calls WHERE sid = ?")
                                .execute(Tuple.of(sid)))
                    .map(rows -> rows.iterator().next().getLong("id"))
                    .call(
                        () ->
                            conn.preparedQuery("DELETE FROM calls WHERE sid = ?")
                                .execute(Tuple.of(sid))))
        .await()
        .atMost(Duration.ofSeconds(10));
  }

  @Test
  void badShardsAreRefusedNamingTheFieldAndNothingChanges() {
    Map<String, Object> noId = body(id, server.port(), database);
    noId.remove("id");
    refused(noId, 400, "id must be");
    refused(body(id, 0, database), 400, "primary.port must be 1..65535");
    Map<String, Object> noPrimary = body(id, server.port(), database);
    noPrimary.remove("primary");
    refused(noPrimary, 400, "primary is required");
    refused(body(id, closedPort(), database), 400, "primary " + server.host() + ":");
    refused(
        body("shard-0", server.port(), database),
        409,
        "id: shard shard-0 is in the catalogue already");
    refused(
        body(id, TestServers.mariaDb("shard-0").port(), "postflight"),
        409,
        "primary: %s:%d/postflight is a server of shard shard-0 already"
            .formatted(server.host(), TestServers.mariaDb("shard-0").port()));
    operator().get("/admin/v1/Shards").then().body("id", not(hasItem(id)));
  }

  @Test
  void aRangeMovesToANewShardOnlyInTheOrderThatLosesNoRecord() {
    operator()
        .contentType(ContentType.JSON)
        .body(body(id, server.port(), database))
        .post("/admin/v1/Shards")
        .then()
        .statusCode(201);
    List<Map<String, String>> moved =
        List.of(
            range("0000000000000000", HALF, "shard-0"),
            range(HALF, UPPER_QUARTER, "shard-1"),
            range(UPPER_QUARTER, null, id));

    // Writes first: records land where readers do not look.
    put("write", latestVersion("write"), moved, Map.of())
        .statusCode(400)
        .body("message", containsString("range c000000000000000-end: writes go to " + id));
    // Reads first, to a shard that does not replicate the writes: the same loss.
    put("read", latestVersion("read"), moved, Map.of())
        .statusCode(400)
        .body("message", containsString("writes go to shard-1, but reads go to " + id));

    // The split's order: the new shard replicates, reads move, writes move, replication is cut.
    replicates(id, "shard-1");
    awaitInForce("read", change("read", moved, Map.of()));
    assertThatThrownBy(() -> replicates(id, null))
        .hasMessageContaining("the maps in force rely on this replication");
    operator()
        .delete("/admin/v1/Shards/" + id)
        .then()
        .statusCode(409)
        .body("message", containsString("names shard " + id));
    awaitInForce("write", change("write", moved, Map.of()));
    replicates(id, null);

    String account = accountAbove(UPPER_QUARTER);
    CallRecord call = CompletedCalls.publish(CompletedCalls.of(account));
    await().atMost(Duration.ofSeconds(30)).until(() -> rowsOnNewShard(call.sid()) == 1);
    assertThat(CompletedCalls.rowsOn("shard-1", call.sid())).isZero();
    operator()
        .get("/admin/v1/Accounts/" + account + "/Route")
        .then()
        .body("read.shard", equalTo(id));
  }

  private String readiness(String shard) {
    return given()
        .get("/q/health/ready")
        .then()
        .extract()
        .jsonPath()
        .getString("checks.find { it.name == 'post-flight shards' }.data.'" + shard + "'");
  }

  private static void refused(Map<String, Object> body, int status, String message) {
    operator()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/admin/v1/Shards")
        .then()
        .statusCode(status)
        .body("message", containsString(message));
  }

  private Map<String, Object> body(String shard, int port, String schema) {
    Map<String, Object> primary = new HashMap<>();
    primary.put("host", server.host());
    primary.put("port", port);
    primary.put("user", server.user());
    primary.put("password", server.password());
    primary.put("database", schema);
    Map<String, Object> body = new HashMap<>();
    body.put("id", shard);
    body.put("primary", primary);
    body.put("pool_size", 4);
    return body;
  }

  private int rowsOnNewShard(String sid) {
    return Integer.parseInt(
        TestServers.servers()
            .mariaDb("shard-1")
            .sql("SELECT COUNT(*) FROM " + database + ".calls WHERE sid = '" + sid + "'")
            .strip());
  }

  private static String accountAbove(String start) {
    long bound = KeyspaceId.parse("start", start).value();
    while (true) {
      String candidate = Sid.mint(SidKind.ACCOUNT).value();
      if (Long.compareUnsigned(KeyspaceId.of(candidate).value(), bound) >= 0) {
        return candidate;
      }
    }
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
