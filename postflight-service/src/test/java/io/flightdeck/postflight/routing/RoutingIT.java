package io.flightdeck.postflight.routing;

import static io.flightdeck.postflight.TestCallers.operator;
import static io.flightdeck.postflight.TestCallers.service;
import static io.flightdeck.postflight.admin.ShardMapsApi.awaitInForce;
import static io.flightdeck.postflight.admin.ShardMapsApi.change;
import static io.flightdeck.postflight.admin.ShardMapsApi.even;
import static io.flightdeck.postflight.admin.ShardMapsApi.latestVersion;
import static io.flightdeck.postflight.admin.ShardMapsApi.range;
import static io.flightdeck.postflight.admin.ShardMapsApi.replicates;
import static io.flightdeck.postflight.admin.ShardMapsApi.versionInForce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.flightdeck.postflight.CompletedCalls;
import io.flightdeck.postflight.WithRealServers;
import io.flightdeck.postflight.admin.ShardMapsApi;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Routing by the maps in the control database, seen through the consumer, the read API and the
 * explanation.
 */
@QuarkusTest
@WithRealServers
class RoutingIT {
  private final String account = Sid.mint(SidKind.ACCOUNT).value();
  private final KeyspaceId id = KeyspaceId.of(account);

  @AfterEach
  void evenMapsAgain() {
    ShardMapsApi.restoreEven();
    replicates("shard-0", null);
    replicates("shard-1", null);
  }

  @Test
  void theRouteIsExplainedByKeyspaceIdRangeAndMapVersion() {
    String shard = shardByRange();
    operator()
        .get(route())
        .then()
        .statusCode(200)
        .body("account_sid", equalTo(account))
        .body("keyspace_id", equalTo(id.toString()))
        .body("write.shard", equalTo(shard))
        .body("write.by", equalTo("range"))
        .body("write.map_version", equalTo((int) versionInForce("write")))
        .body("read.shard", equalTo(shard))
        .body(
            "read.reason",
            equalTo(
                "keyspace id %s falls in range %s, owned by %s in read map version %d"
                    .formatted(
                        id,
                        shard.equals("shard-0")
                            ? "0000000000000000-8000000000000000"
                            : "8000000000000000-end",
                        shard,
                        versionInForce("read"))));
  }

  @Test
  void aRangeBoundaryMovedToTheAccountsKeyspaceIdMovesItsWrites() {
    // Two ranges meeting exactly at the account's id: the account is the first id of the upper one.
    String shard = "shard-1";
    String other = "shard-0";
    // Writes of the stretch between the half and the account's id move; its reads stay.
    String ranged = shardByRange();
    replicates(ranged, ranged.equals(shard) ? other : shard);
    List<Map<String, String>> split =
        List.of(range("0000000000000000", id.toString(), other), range(id.toString(), null, shard));
    awaitInForce("write", change("write", split, Map.of()));
    CallRecord call = CompletedCalls.publish(CompletedCalls.of(account));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> CompletedCalls.rowsOn(shard, call.sid()) == 1);
    assertThat(CompletedCalls.rowsOn(other, call.sid())).isZero();
    operator()
        .get(route())
        .then()
        .body("write.shard", equalTo(shard))
        .body("write.range.start", equalTo(id.toString()));

    List<Map<String, String>> below =
        List.of(range("0000000000000000", next(id), other), range(next(id), null, shard));
    awaitInForce("write", change("write", below, Map.of()));
    operator()
        .get(route())
        .then()
        .body("write.shard", equalTo(other))
        .body("write.range.end", equalTo(next(id)));
  }

  @Test
  void anOverrideMovesOneAccountAndNoOther() {
    String ranged = shardByRange();
    String pinned = ranged.equals("shard-0") ? "shard-1" : "shard-0";
    String neighbour = accountInRangeOf(ranged);
    replicates(ranged, pinned);
    long version = change("write", even(), Map.of(account, pinned));
    awaitInForce("write", version);

    CallRecord moved = CompletedCalls.publish(CompletedCalls.of(account));
    CallRecord stays = CompletedCalls.publish(CompletedCalls.of(neighbour));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                CompletedCalls.rowsOn(pinned, moved.sid()) == 1
                    && CompletedCalls.rowsOn(ranged, stays.sid()) == 1);
    assertThat(CompletedCalls.rowsOn(ranged, moved.sid())).isZero();
    operator()
        .get(route())
        .then()
        .body("write.shard", equalTo(pinned))
        .body("write.by", equalTo("override"))
        .body("write.map_version", equalTo((int) version))
        .body("read.shard", equalTo(ranged));
  }

  @Test
  void readsMoveToAnotherShardOnlyWhileItReplicatesTheWriteShard() {
    String writeShard = shardByRange();
    String readShard = writeShard.equals("shard-0") ? "shard-1" : "shard-0";
    // The order that lost records: reads moved where the account's writes never arrive.
    ShardMapsApi.put("read", latestVersion("read"), even(), Map.of(account, readShard))
        .statusCode(400)
        .body(
            "message",
            containsString(
                "account %s: writes go to %s, but reads go to %s, which neither is %s nor replicates from it"
                    .formatted(account, writeShard, readShard, writeShard)));

    replicates(readShard, writeShard);
    awaitInForce("read", change("read", even(), Map.of(account, readShard)));
    CallRecord call = CompletedCalls.publish(CompletedCalls.of(account));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> CompletedCalls.rowsOn(writeShard, call.sid()) == 1);
    // Written by the write map, read by the read map. The replication is only recorded here, not
    // running, so the read shard does not have the record: what a real replica spares readers.
    service().get(calls() + "/" + call.sid()).then().statusCode(404);
    operator()
        .get(route())
        .then()
        .body("read.shard", equalTo(readShard))
        .body("write.shard", equalTo(writeShard));

    awaitInForce("read", change("read", even(), Map.of()));
    service()
        .get(calls() + "/" + call.sid())
        .then()
        .statusCode(200)
        .body("sid", equalTo(call.sid()));
  }

  @Test
  void aChangeIsInForceWithinOneSecondWithoutRestart() {
    String ranged = shardByRange();
    String pinned = ranged.equals("shard-0") ? "shard-1" : "shard-0";
    CallRecord call = CompletedCalls.publish(CompletedCalls.of(account));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> CompletedCalls.rowsOn(ranged, call.sid()) == 1);
    service().get(calls() + "/" + call.sid()).then().statusCode(200);

    // The admin API only writes the control database; the instance learns of it by its poll.
    replicates(pinned, ranged);
    long version = change("read", even(), Map.of(account, pinned));
    long stored = System.nanoTime();
    await()
        .atMost(Duration.ofSeconds(1))
        .pollInterval(Duration.ofMillis(10))
        .untilAsserted(() -> service().get(calls() + "/" + call.sid()).then().statusCode(404));
    Duration seen = Duration.ofNanos(System.nanoTime() - stored);
    assertThat(versionInForce("read")).isEqualTo(version);
    assertThat(seen).isLessThan(Duration.ofSeconds(1));
  }

  private String shardByRange() {
    return Long.compareUnsigned(id.value(), 0x8000000000000000L) < 0 ? "shard-0" : "shard-1";
  }

  /** Another fresh account whose keyspace id falls in the same half as this test's account. */
  private static String accountInRangeOf(String shard) {
    ShardMap evenMap = ShardMap.evenly(List.of("shard-0", "shard-1"));
    while (true) {
      String candidate = Sid.mint(SidKind.ACCOUNT).value();
      if (evenMap.shardFor(candidate).orElseThrow().equals(shard)) {
        return candidate;
      }
    }
  }

  private static String next(KeyspaceId id) {
    return new KeyspaceId(id.value() + 1).toString();
  }

  private String route() {
    return "/admin/v1/Accounts/" + account + "/Route";
  }

  private String calls() {
    return "/internal/v1/Accounts/" + account + "/Calls";
  }
}
