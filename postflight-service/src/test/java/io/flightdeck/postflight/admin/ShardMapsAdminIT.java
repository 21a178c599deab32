package io.flightdeck.postflight.admin;

import static io.flightdeck.postflight.TestCallers.operator;
import static io.flightdeck.postflight.admin.ShardMapsApi.HALF;
import static io.flightdeck.postflight.admin.ShardMapsApi.even;
import static io.flightdeck.postflight.admin.ShardMapsApi.latestVersion;
import static io.flightdeck.postflight.admin.ShardMapsApi.put;
import static io.flightdeck.postflight.admin.ShardMapsApi.range;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.flightdeck.postflight.WithRealServers;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.flightdeck.servers.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithRealServers
class ShardMapsAdminIT {

  @Test
  void theCatalogueIsSeededFromConfigurationAtTheFirstStart() {
    operator()
        .get("/admin/v1/Shards")
        .then()
        .statusCode(200)
        .body("id", contains("shard-0", "shard-1"))
        .body("[0].primary.port", equalTo(TestServers.mariaDb("shard-0").port()))
        .body("[1].primary.port", equalTo(TestServers.mariaDb("shard-1").port()))
        .body("[0].primary.database", equalTo("postflight"))
        .body("[0].primary.password", nullValue());
  }

  @Test
  void bothMapsStartAsTheKeyspaceHalvedBetweenTheTwoShards() {
    for (String kind : List.of("read", "write")) {
      operator()
          .get("/admin/v1/ShardMaps/" + kind + "/Versions/1")
          .then()
          .statusCode(200)
          .body("kind", equalTo(kind))
          .body("ranges.start", contains("0000000000000000", HALF))
          .body("ranges.end", contains(HALF, null))
          .body("ranges.shard", contains("shard-0", "shard-1"));
    }
  }

  @Test
  void aMapWithAGapIsRefusedNamingTheGapAndTheOldMapStays() {
    long before = latestVersion("write");
    put(
            "write",
            before,
            List.of(
                range("0000000000000000", "4000000000000000", "shard-0"),
                range(HALF, null, "shard-1")),
            Map.of())
        .statusCode(400)
        .body("code", equalTo(20001))
        .body("status", equalTo(400))
        .body("message", containsString("gap: no range covers 4000000000000000-8000000000000000"));
    assertThat(latestVersion("write")).isEqualTo(before);
  }

  @Test
  void aMapWithAnOverlapIsRefusedNamingIt() {
    long before = latestVersion("read");
    put(
            "read",
            before,
            List.of(
                range("0000000000000000", "9000000000000000", "shard-0"),
                range(HALF, null, "shard-1")),
            Map.of())
        .statusCode(400)
        .body(
            "message",
            containsString(
                "overlap: ranges 0000000000000000-9000000000000000 (shard-0) and 8000000000000000-end (shard-1) both cover 8000000000000000-9000000000000000"));
    assertThat(latestVersion("read")).isEqualTo(before);
  }

  @Test
  void aMapNamingAnUnknownShardIsRefusedNamingTheShard() {
    long before = latestVersion("write");
    String account = Sid.mint(SidKind.ACCOUNT).value();
    put("write", before, even(), Map.of(account, "shard-9"))
        .statusCode(400)
        .body(
            "message",
            containsString(
                "override of "
                    + account
                    + " names unknown shard 'shard-9' (known: shard-0, shard-1)"));
    put(
            "write",
            before,
            List.of(range("0000000000000000", HALF, "shard-0"), range(HALF, null, "shard-7")),
            Map.of())
        .statusCode(400)
        .body(
            "message", containsString("range 8000000000000000-end names unknown shard 'shard-7'"));
    assertThat(latestVersion("write")).isEqualTo(before);
  }

  @Test
  void aChangeBasedOnAStaleVersionIsAConflictAndChangesNothing() {
    long before = latestVersion("read");
    String account = ShardMapsApi.accountOn("shard-0");
    put("read", before, even(), Map.of(account, "shard-0"))
        .statusCode(200)
        .body("version", equalTo((int) before + 1));
    put("read", before, even(), Map.of(account, "shard-1"))
        .statusCode(409)
        .body("code", equalTo(20409))
        .body(
            "message",
            containsString("the read map is at version " + (before + 1) + ", not " + before));
    operator()
        .get("/admin/v1/ShardMaps/read")
        .then()
        .body("version", equalTo((int) before + 1))
        .body("overrides.find { it.account_sid == '" + account + "' }.shard", equalTo("shard-0"));
  }

  @Test
  void everyVersionIsKept() {
    long before = latestVersion("write");
    String account = ShardMapsApi.accountOn("shard-1");
    ShardMapsApi.change("write", even(), Map.of(account, "shard-1"));
    ShardMapsApi.change("write", even(), Map.of());
    List<Integer> versions =
        operator()
            .get("/admin/v1/ShardMaps/write/Versions")
            .then()
            .statusCode(200)
            .extract()
            .path("version");
    assertThat(versions).startsWith((int) before + 2, (int) before + 1, (int) before).endsWith(1);
    operator()
        .get("/admin/v1/ShardMaps/write/Versions/" + (before + 1))
        .then()
        .statusCode(200)
        .body("overrides[0].account_sid", equalTo(account));
  }

  @Test
  void unreadableChangesAreRefusedNamingTheField() {
    operator()
        .contentType(ContentType.JSON)
        .body(Map.of("ranges", even()))
        .put("/admin/v1/ShardMaps/write")
        .then()
        .statusCode(400)
        .body("message", containsString("based_on_version is required"));
    put("write", latestVersion("write"), List.of(range("00", null, "shard-0")), Map.of())
        .statusCode(400)
        .body("message", containsString("ranges[0].start must be a keyspace id of 16 hex digits"));
    put("write", latestVersion("write"), even(), Map.of("AC123", "shard-0"))
        .statusCode(400)
        .body("message", containsString("overrides[0].account_sid must be a account Sid"));
    operator()
        .get("/admin/v1/ShardMaps/sideways")
        .then()
        .statusCode(400)
        .body("message", containsString("Kind must be 'read' or 'write'"));
    operator()
        .get("/admin/v1/ShardMaps/read/Versions/100000")
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));
  }
}
