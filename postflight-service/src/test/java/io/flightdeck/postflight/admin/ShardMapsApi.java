package io.flightdeck.postflight.admin;

import static io.flightdeck.postflight.TestCallers.operator;
import static org.awaitility.Awaitility.await;

import io.flightdeck.postflight.control.CatalogueChanges;
import io.flightdeck.postflight.routing.ShardMap;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.quarkus.arc.Arc;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The admin API of the shard maps as tests call it; bodies are plain maps, as a client would send.
 */
public final class ShardMapsApi {
  public static final String HALF = "8000000000000000";
  private static final String ANY_ACCOUNT = "AC00000000000000000000000000000001";

  private ShardMapsApi() {}

  /** The latest version number of the kind's map. */
  public static long latestVersion(String kind) {
    return operator()
        .get("/admin/v1/ShardMaps/" + kind)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getLong("version");
  }

  /** PUT of a whole map based on {@code basedOn}. */
  public static ValidatableResponse put(
      String kind, long basedOn, List<Map<String, String>> ranges, Map<String, String> overrides) {
    List<Map<String, String>> pins = new ArrayList<>();
    overrides.forEach((account, shard) -> pins.add(Map.of("account_sid", account, "shard", shard)));
    Map<String, Object> body = new HashMap<>();
    body.put("based_on_version", basedOn);
    body.put("ranges", ranges);
    body.put("overrides", pins);
    return operator()
        .contentType(ContentType.JSON)
        .body(body)
        .put("/admin/v1/ShardMaps/" + kind)
        .then();
  }

  /** PUT based on the latest version; asserts it was stored and returns the new version. */
  public static long change(
      String kind, List<Map<String, String>> ranges, Map<String, String> overrides) {
    return put(kind, latestVersion(kind), ranges, overrides)
        .statusCode(200)
        .extract()
        .jsonPath()
        .getLong("version");
  }

  /** A range {@code [start, end)}; {@code end} null for the end of the keyspace. */
  public static Map<String, String> range(String start, String end, String shard) {
    Map<String, String> range = new HashMap<>();
    range.put("start", start);
    range.put("end", end);
    range.put("shard", shard);
    return range;
  }

  /** The map the service starts with on two shards: the keyspace halved, no overrides. */
  public static List<Map<String, String>> even() {
    return List.of(range("0000000000000000", HALF, "shard-0"), range(HALF, null, "shard-1"));
  }

  /**
   * Puts both maps back to {@link #even()} (other test classes expect it) and waits until they are
   * in force.
   */
  public static void restoreEven() {
    awaitInForce("read", change("read", even(), Map.of()));
    awaitInForce("write", change("write", even(), Map.of()));
  }

  /**
   * Records in the catalogue that {@code shard} replicates from {@code source} (null: from no
   * shard), as a split does once its target replicates: the maps may then read from {@code shard}
   * what is written on {@code source}. Only recorded, no replication runs: tests of routing alone.
   */
  public static void replicates(String shard, String source) {
    Arc.container()
        .instance(CatalogueChanges.class)
        .get()
        .replicates(shard, Optional.ofNullable(source))
        .await()
        .atMost(Duration.ofSeconds(10));
  }

  /** A fresh account that the even map puts on {@code shard}. */
  public static String accountOn(String shard) {
    ShardMap evenMap = ShardMap.evenly(List.of("shard-0", "shard-1"));
    while (true) {
      String candidate = Sid.mint(SidKind.ACCOUNT).value();
      if (evenMap.shardFor(candidate).orElseThrow().equals(shard)) {
        return candidate;
      }
    }
  }

  /** Waits (up to 5 s) until this instance routes by the kind's map of this version. */
  public static void awaitInForce(String kind, long version) {
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> versionInForce(kind) >= version);
  }

  /** The version of the kind's map this instance routes by, as the route explanation says. */
  public static long versionInForce(String kind) {
    return operator()
        .get("/admin/v1/Accounts/" + ANY_ACCOUNT + "/Route")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getLong(kind + ".map_version");
  }
}
