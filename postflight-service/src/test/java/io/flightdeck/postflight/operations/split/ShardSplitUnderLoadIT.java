package io.flightdeck.postflight.operations.split;

import static io.flightdeck.postflight.TestCallers.operator;
import static io.flightdeck.postflight.UnderLoad.pause;
import static io.flightdeck.postflight.UnderLoad.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flightdeck.postflight.PublishedRecords;
import io.flightdeck.postflight.TestRecords;
import io.flightdeck.postflight.TestShards;
import io.flightdeck.postflight.WithRealServers;
import io.flightdeck.servers.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A whole split, driven by its REST API, of a shard that takes completed calls and messages of 120
 * accounts spread over the keyspace while a client pages their lists with a small page size: every
 * record stored, none lost or listed twice, no read failed, and afterwards each account's rows on
 * exactly the shard its read map names.
 *
 * <p>It splits, so it runs on stores of its own (a test profile: its own control database and shard
 * schemas on the test servers), and the maps the other tests rely on never move.
 */
@QuarkusTest
@WithRealServers
@TestProfile(ShardSplitUnderLoadIT.OwnStores.class)
class ShardSplitUnderLoadIT {
  private static final Duration WAIT = Duration.ofMinutes(4);
  private static final int ACCOUNTS = 120;
  private static final int READ_ACCOUNTS = 12;
  private static final String TARGET = "shard-2";

  /** The control database and both shards in schemas of their own, new for each run. */
  public static class OwnStores implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "flightdeck.postflight.control.database", schema("control"),
          "flightdeck.postflight.shards.\"shard-0\".database", schema("0"),
          "flightdeck.postflight.shards.\"shard-1\".database", schema("1"));
    }
  }

  /**
   * A schema of this run's: the suffix is kept in a system property, the one place the profile and
   * the test (loaded by different class loaders) share, so servers reused between runs start clean.
   */
  static String schema(String name) {
    Object run =
        System.getProperties()
            .computeIfAbsent(
                "flightdeck.test.split-run",
                key -> java.util.UUID.randomUUID().toString().substring(0, 8));
    return "postflight_split_" + run + "_" + name;
  }

  /** Every record published, by account. */
  private final PublishedRecords published = new PublishedRecords();

  @Test
  @Timeout(600)
  void aShardSplitUnderLoadLosesNothingListsEveryRecordOnceAndLeavesEachAccountOnItsShard()
      throws Exception {
    List<String> accounts = new ArrayList<>();
    for (int i = 0; i < ACCOUNTS; i++) {
      accounts.add(TestRecords.newAccount());
    }
    published.publish(accounts, 3);
    awaitAllStored(accounts);
    Map<String, Set<String>> before = published.snapshot();
    addTheTarget();

    AtomicBoolean loading = new AtomicBoolean(true);
    AtomicInteger writes = new AtomicInteger();
    List<String> readProblems = new java.util.concurrent.CopyOnWriteArrayList<>();
    AtomicInteger passes = new AtomicInteger();
    Thread writer =
        started(
            () -> {
              while (loading.get()) {
                List<String> some = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                  some.add(accounts.get(ThreadLocalRandom.current().nextInt(ACCOUNTS)));
                }
                published.publish(some, 1);
                writes.addAndGet(some.size());
                pause(100);
              }
            });
    Thread reader =
        started(
            () -> {
              while (loading.get()) {
                for (String account : accounts.subList(0, READ_ACCOUNTS)) {
                  readProblems.addAll(PublishedRecords.pass(account, "Calls", before.get(account)));
                  readProblems.addAll(
                      PublishedRecords.pass(account, "Messages", before.get(account)));
                }
                passes.incrementAndGet();
              }
            });

    String id =
        operator()
            .contentType(ContentType.JSON)
            .body(Map.of("source", "shard-1", "target", TARGET, "dry_run", false))
            .post("/admin/v1/ShardSplits")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    JsonPath status =
        await()
            .atMost(WAIT)
            .pollInterval(Duration.ofMillis(500))
            .until(
                () -> operator().get("/admin/v1/ShardSplits/" + id).then().extract().jsonPath(),
                s -> Set.of("completed", "failed", "cancelled").contains(s.getString("status")));
    loading.set(false);
    writer.join();
    reader.join();

    assertThat(status.getString("status")).as(status.prettify()).isEqualTo("completed");
    assertThat(writes.get()).as("writes during the split").isPositive();
    assertThat(passes.get()).as("list passes during the split").isPositive();
    assertThat(readProblems).as("failed or wrong reads during the split").isEmpty();

    awaitAllStored(accounts);
    Map<String, Map<String, Set<String>>> stored = rowsByShard();
    int moved = 0;
    for (String account : accounts) {
      String reads = readShard(account);
      Map<String, Set<String>> where = stored.get(account);
      assertThat(where.keySet()).as(account + "'s rows are on one shard only").containsOnly(reads);
      assertThat(where.get(reads)).as(account).isEqualTo(published.of(account));
      if (reads.equals(TARGET)) {
        moved++;
      }
    }
    assertThat(moved).as("accounts the split moved").isPositive();
  }

  private void addTheTarget() {
    TestShards.add(TARGET, "shard-0", schema("2"), 4);
  }

  private void awaitAllStored(List<String> accounts) {
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              Map<String, Map<String, Set<String>>> stored = rowsByShard();
              return accounts.stream()
                  .allMatch(
                      a ->
                          stored.getOrDefault(a, Map.of()).values().stream()
                                  .flatMap(Set::stream)
                                  .distinct()
                                  .count()
                              == published.of(a).size());
            });
  }

  private static String readShard(String account) {
    return operator()
        .get("/admin/v1/Accounts/" + account + "/Route")
        .then()
        .statusCode(200)
        .extract()
        .path("read.shard");
  }

  /**
   * The Sids of every account's calls and messages, by account and by the shard whose schema holds
   * them.
   */
  private static Map<String, Map<String, Set<String>>> rowsByShard() {
    Map<String, Map<String, Set<String>>> stored = new HashMap<>();
    Map<String, String[]> schemas =
        Map.of(
            "shard-0",
            new String[] {"shard-0", schema("0")},
            "shard-1",
            new String[] {"shard-1", schema("1")},
            TARGET,
            new String[] {"shard-0", schema("2")});
    schemas.forEach(
        (shard, at) -> {
          String rows;
          try {
            rows =
                TestServers.servers()
                    .mariaDb(at[0])
                    .sql(
                        "SELECT account_sid, sid FROM %s.calls UNION ALL SELECT account_sid, sid FROM %s.messages"
                            .formatted(at[1], at[1]));
          } catch (IllegalStateException noSchemaYet) {
            return;
          }
          rows.lines()
              .map(line -> line.strip().split("\\s+"))
              .filter(f -> f.length == 2)
              .forEach(
                  f ->
                      stored
                          .computeIfAbsent(f[0], a -> new HashMap<>())
                          .computeIfAbsent(shard, x -> new HashSet<>())
                          .add(f[1]));
        });
    return stored;
  }
}
