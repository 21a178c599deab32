package io.flightdeck.postflight.operations.pivot;

import static io.flightdeck.postflight.TestCallers.operator;
import static io.flightdeck.postflight.TestCallers.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.flightdeck.postflight.ReplicatedServers;
import io.flightdeck.postflight.TestRecords;
import io.flightdeck.postflight.TestTopics;
import io.flightdeck.postflight.WithRealServers;
import io.flightdeck.postflight.operations.StepContext;
import io.flightdeck.postflight.operations.StepOutcome;
import io.flightdeck.record.CallStatus;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.servers.MariaDbEndpoint;
import io.flightdeck.servers.MariaDbServer;
import io.flightdeck.servers.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Pivots of a shard whose primary and replica are MariaDB servers of their own ({@code pivot-a},
 * {@code pivot-b}), through the REST API: refused while the shard has no replica or its replica
 * does not replicate, each failed check named and nothing changed; then a pivot to the replica
 * while completed records stream in and a client pages the lists (nothing lost or listed twice, no
 * read failed, the old primary a replica of the new one that catches up); then a pivot back. Then
 * the faults, each step run as the engine runs it: the candidate killed during the write block (the
 * primary takes writes again), the old primary killed after the promotion (it rejoins as a replica
 * when it is back), and a forced pivot away from a dead primary.
 */
@QuarkusTest
@WithRealServers
@TestProfile(ShardPivotIT.OwnServers.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShardPivotIT {
  private static final Duration WAIT = Duration.ofMinutes(2);
  private static final int ACCOUNTS = 40;
  private static final String PRIMARY = "pivot-a";
  private static final String REPLICA = "pivot-b";
  private static final String REPLICA_NAME = "shard-1-b";

  /** The control database and shard-0 in schemas of their own; shard-1 on pivot-a alone. */
  public static class OwnServers implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      MariaDbEndpoint primary = freshServers();
      return Map.of(
          "flightdeck.postflight.control.database", schema("control"),
          "flightdeck.postflight.shards.\"shard-0\".database", schema("0"),
          "flightdeck.postflight.shards.\"shard-1\".host", primary.host(),
          "flightdeck.postflight.shards.\"shard-1\".port", String.valueOf(primary.port()),
          "flightdeck.postflight.shards.\"shard-1\".database", schema("1"));
    }
  }

  static MariaDbEndpoint freshServers() {
    return ReplicatedServers.fresh(PRIMARY, REPLICA, "postflight_pivot");
  }

  static String schema(String name) {
    return ReplicatedServers.schema("postflight_pivot", name);
  }

  private final TestTopics topics = TestTopics.ofTestServers();
  private final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  /** Every record published, by account. */
  private static final Map<String, Set<String>> PUBLISHED = new ConcurrentHashMap<>();

  @Test
  @Order(1)
  void aShardWithoutReplicaIsRefusedNamingTheCheckAndNothingChanges() {
    JsonPath status = pivotStatus("");
    assertThat(status.getBoolean("ready")).isFalse();
    assertThat(status.getString("checks.find { it.name == 'candidate' }.reason"))
        .contains("shard shard-1 has no replica");
    operator()
        .contentType(ContentType.JSON)
        .body(Map.of("to", REPLICA_NAME))
        .post("/admin/v1/Shards/shard-1/Pivots")
        .then()
        .statusCode(409)
        .body("message", containsString("candidate: shard shard-1 has no replica"));
    assertThat(primaryName()).isEqualTo("shard-1");
  }

  @Test
  @Order(2)
  void aReplicaThatStoppedReplicatingIsRefusedNamingTheCheck() {
    addTheReplica();
    JsonPath topology = topology();
    assertThat(topology.getString("shards.find { it.id == 'shard-1' }.replicas[0].name"))
        .isEqualTo(REPLICA_NAME);
    assertThat(
            topology.getBoolean("shards.find { it.id == 'shard-1' }.replicas[0].state.replicating"))
        .isTrue();
    assertThat(pivotStatus("?to=" + REPLICA_NAME).getBoolean("ready"))
        .as(pivotStatus("?to=" + REPLICA_NAME).prettify())
        .isTrue();

    MariaDbServer replica = TestServers.servers().mariaDb(REPLICA);
    replica.sql("STOP SLAVE SQL_THREAD");
    try {
      JsonPath status = pivotStatus("?to=" + REPLICA_NAME);
      assertThat(status.getBoolean("ready")).isFalse();
      assertThat(status.getString("checks.find { it.name == 'candidate-replicating' }.reason"))
          .contains("SQL thread stopped");
      operator()
          .contentType(ContentType.JSON)
          .body(Map.of("to", REPLICA_NAME))
          .post("/admin/v1/Shards/shard-1/Pivots")
          .then()
          .statusCode(409)
          .body("message", containsString("candidate-replicating"));
      assertThat(primaryName()).isEqualTo("shard-1");
    } finally {
      replica.sql("START SLAVE SQL_THREAD");
    }
  }

  @Test
  @Order(3)
  @Timeout(300)
  void aPivotUnderLoadLosesNothingAndTheOldPrimaryFollowsTheNewOne() throws Exception {
    List<String> accounts = new ArrayList<>();
    for (int i = 0; i < ACCOUNTS; i++) {
      accounts.add(TestRecords.newAccount());
    }
    publish(accounts, 2);
    awaitAllStored(accounts, REPLICA_NAME.equals(primaryName()) ? REPLICA : PRIMARY);
    Map<String, Set<String>> before = copy(PUBLISHED);

    AtomicBoolean loading = new AtomicBoolean(true);
    AtomicInteger writes = new AtomicInteger();
    List<String> readProblems = new CopyOnWriteArrayList<>();
    AtomicInteger passes = new AtomicInteger();
    Thread writer =
        started(
            () -> {
              while (loading.get()) {
                List<String> some = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                  some.add(accounts.get(ThreadLocalRandom.current().nextInt(ACCOUNTS)));
                }
                publish(some, 1);
                writes.addAndGet(some.size());
                pause(50);
              }
            });
    Thread reader =
        started(
            () -> {
              while (loading.get()) {
                for (String account : accounts.subList(0, 8)) {
                  readProblems.addAll(pass(account, before.get(account)));
                }
                passes.incrementAndGet();
              }
            });
    pause(1000);
    JsonPath status = pivot(REPLICA_NAME);
    loading.set(false);
    writer.join();
    reader.join();

    assertThat(status.getString("status")).as(status.prettify()).isEqualTo("completed");
    assertThat(status.getString("steps.find { it.name == 'resume-writes' }.progress"))
        .contains("writes were blocked");
    assertThat(writes.get()).as("records published during the pivot").isPositive();
    assertThat(passes.get()).as("list passes during the pivot").isPositive();
    assertThat(readProblems).as("failed or wrong reads during the pivot").isEmpty();
    assertThat(primaryName()).isEqualTo(REPLICA_NAME);

    awaitAllStored(accounts, REPLICA);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              JsonPath topology = topology();
              String replica = "shards.find { it.id == 'shard-1' }.replicas[0]";
              assertThat(topology.getString(replica + ".name")).isEqualTo("shard-1");
              assertThat(topology.getBoolean(replica + ".state.replicating")).isTrue();
              assertThat(topology.getBoolean(replica + ".state.read_only")).isTrue();
            });
    // The old primary applies what the new one took: it holds every record too.
    await().atMost(WAIT).until(() -> rows(PRIMARY).equals(rows(REPLICA)));
  }

  @Test
  @Order(4)
  void aPivotBackMakesTheFirstServerThePrimaryAgain() {
    JsonPath status = pivot("shard-1");
    assertThat(status.getString("status")).as(status.prettify()).isEqualTo("completed");
    assertThat(primaryName()).isEqualTo("shard-1");
    List<String> accounts = List.of(TestRecords.newAccount(), TestRecords.newAccount());
    publish(accounts, 1);
    awaitAllStored(accounts, PRIMARY);
    await().atMost(WAIT).until(() -> rows(REPLICA).equals(rows(PRIMARY)));
  }

  @Test
  @Order(5)
  void aCandidateKilledDuringTheWriteBlockRollsBackToThePrimary() {
    Pivot pivot = new Pivot("shard-1", "shard-1", REPLICA_NAME, false);
    assertThat(step(pivot, PivotSteps.PRE_CHECK)).isInstanceOf(StepOutcome.Done.class);
    assertThat(step(pivot, PivotSteps.BLOCK_WRITES)).isInstanceOf(StepOutcome.Done.class);
    assertThat(readOnly(PRIMARY)).isTrue();

    TestServers.servers().kill("mariadb-" + REPLICA);
    StepOutcome waited = step(pivot, PivotSteps.WAIT_FOR_CANDIDATE);
    assertThat(waited).isInstanceOf(StepOutcome.Failed.class);
    assertThat(((StepOutcome.Failed) waited).reason())
        .contains("cannot be reached")
        .endsWith("rolled back: shard-1 takes writes again");
    assertThat(readOnly(PRIMARY)).isFalse();
    assertThat(primaryName()).isEqualTo("shard-1");
    List<String> accounts = List.of(TestRecords.newAccount(), TestRecords.newAccount());
    publish(accounts, 1);
    awaitAllStored(accounts, PRIMARY);

    restartedAsReplica(REPLICA);
    await().atMost(WAIT).until(() -> rows(REPLICA).equals(rows(PRIMARY)));
  }

  @Test
  @Order(6)
  void anOldPrimaryKilledAfterThePromotionRejoinsAsAReplicaWhenBackAndEveryStepRunsTwice() {
    Pivot pivot = new Pivot("shard-1", "shard-1", REPLICA_NAME, false);
    for (String name :
        List.of(
            PivotSteps.PRE_CHECK,
            PivotSteps.BLOCK_WRITES,
            PivotSteps.WAIT_FOR_CANDIDATE,
            PivotSteps.PROMOTE,
            PivotSteps.UPDATE_CATALOGUE,
            PivotSteps.RESUME_WRITES)) {
      assertThat(step(pivot, name)).as(name).isInstanceOf(StepOutcome.Done.class);
      // As a driver killed after the step, before recording its end: the next one runs it again.
      assertThat(step(pivot, name)).as(name + " run again").isInstanceOf(StepOutcome.Done.class);
    }
    TestServers.servers().kill("mariadb-" + PRIMARY);
    StepOutcome repointed = step(pivot, PivotSteps.REPOINT_REPLICAS);
    assertThat(repointed).isInstanceOf(StepOutcome.Waiting.class);
    assertThat(((StepOutcome.Waiting) repointed).reason())
        .contains("shard-1 cannot be reached; each rejoins as a replica of shard-1-b");

    List<String> accounts = List.of(TestRecords.newAccount(), TestRecords.newAccount());
    publish(accounts, 1);
    awaitAllStored(accounts, REPLICA);

    TestServers.mariaDb(PRIMARY);
    assertThat(step(pivot, PivotSteps.REPOINT_REPLICAS)).isInstanceOf(StepOutcome.Done.class);
    assertThat(readOnly(PRIMARY)).isTrue();
    await().atMost(WAIT).until(() -> rows(PRIMARY).equals(rows(REPLICA)));
  }

  @Test
  @Order(7)
  void aForcedPivotPromotesTheReplicaOfADeadPrimaryAndIsRefusedWhileItAnswers() {
    operator()
        .contentType(ContentType.JSON)
        .body(Map.of("to", "shard-1", "force", true))
        .post("/admin/v1/Shards/shard-1/Pivots")
        .then()
        .statusCode(409)
        .body("message", containsString("primary-reachable"));

    TestServers.servers().kill("mariadb-" + REPLICA);
    assertThat(pivotStatus("?to=shard-1").getBoolean("ready")).isFalse();
    assertThat(pivotStatus("?to=shard-1&force=true").getBoolean("ready"))
        .as(pivotStatus("?to=shard-1&force=true").prettify())
        .isTrue();
    String id =
        operator()
            .contentType(ContentType.JSON)
            .body(Map.of("to", "shard-1", "force", true))
            .post("/admin/v1/Shards/shard-1/Pivots")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    JsonPath paused =
        await()
            .atMost(WAIT)
            .until(
                () -> pivotOperation(id),
                s -> "done".equals(s.getString("steps.find { it.name == 'resume-writes' }.state")));
    assertThat(paused.getString("steps.find { it.name == 'wait-for-candidate' }.progress"))
        .contains("are lost");
    assertThat(primaryName()).isEqualTo("shard-1");
    List<String> accounts = List.of(TestRecords.newAccount(), TestRecords.newAccount());
    publish(accounts, 1);
    awaitAllStored(accounts, PRIMARY);

    TestServers.mariaDb(REPLICA);
    JsonPath done =
        await()
            .atMost(WAIT)
            .until(() -> pivotOperation(id), s -> "completed".equals(s.getString("status")));
    assertThat(done.getString("steps.find { it.name == 'repoint-replicas' }.progress"))
        .contains("replicas of shard-1: [shard-1-b]");
    await().atMost(WAIT).until(() -> rows(REPLICA).equals(rows(PRIMARY)));
  }

  @Inject ShardPivot kind;

  /** Runs one step of the pivot the way the engine does, outside any stored operation. */
  private StepOutcome step(Pivot pivot, String name) {
    StepContext context =
        new StepContext() {
          public String operationId() {
            return "OPtest";
          }

          public String step() {
            return name;
          }

          public String parameters() {
            return pivot.toJson();
          }

          public boolean dryRun() {
            return false;
          }

          public Uni<Void> progress(String text) {
            return Uni.createFrom().voidItem();
          }
        };
    return kind.run(context).await().atMost(WAIT);
  }

  private static boolean readOnly(String server) {
    return TestServers.servers().mariaDb(server).sql("SELECT @@read_only").strip().equals("1");
  }

  /**
   * Starts a killed replica again: its replication link survives the restart, {@code read_only}
   * (not in its options) does not.
   */
  private static void restartedAsReplica(String server) {
    TestServers.mariaDb(server);
    TestServers.servers().mariaDb(server).sql("SET GLOBAL read_only = 1");
  }

  private static JsonPath pivotOperation(String id) {
    return operator()
        .get("/admin/v1/Shards/shard-1/Pivots/" + id)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static JsonPath pivot(String to) {
    String id =
        operator()
            .contentType(ContentType.JSON)
            .body(Map.of("to", to))
            .post("/admin/v1/Shards/shard-1/Pivots")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    return await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () ->
                operator()
                    .get("/admin/v1/Shards/shard-1/Pivots/" + id)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath(),
            s -> Set.of("completed", "failed", "cancelled").contains(s.getString("status")));
  }

  private static void addTheReplica() {
    MariaDbServer primary = TestServers.servers().mariaDb(PRIMARY);
    MariaDbServer replica = TestServers.servers().mariaDb(REPLICA);
    replica.replicateFrom(primary, schema("1"));
    MariaDbEndpoint endpoint = replica.endpoint();
    Map<String, Object> server = new HashMap<>();
    server.put("name", REPLICA_NAME);
    server.put("host", endpoint.host());
    server.put("port", endpoint.port());
    server.put("user", endpoint.user());
    server.put("password", endpoint.password());
    server.put("database", schema("1"));
    server.put("role", "reads");
    Map<String, Object> document = topology().getMap("");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> shards = (List<Map<String, Object>>) document.get("shards");
    for (Map<String, Object> shard : shards) {
      if (shard.get("id").equals("shard-1")) {
        shard.put("replicas", List.of(server));
      }
    }
    operator()
        .contentType(ContentType.JSON)
        .body(document)
        .put("/admin/v1/Topology")
        .then()
        .statusCode(200);
  }

  private static JsonPath topology() {
    return operator().get("/admin/v1/Topology").then().statusCode(200).extract().jsonPath();
  }

  private static String primaryName() {
    return topology().getString("shards.find { it.id == 'shard-1' }.primary.name");
  }

  private static JsonPath pivotStatus(String query) {
    return operator()
        .get("/admin/v1/Shards/shard-1/PivotStatus" + query)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** {@code pairs} completed calls and as many messages of each account, in one send. */
  private void publish(List<String> accounts, int pairs) {
    List<LifecycleRecord> records = new ArrayList<>();
    for (String account : accounts) {
      for (int i = 0; i < pairs; i++) {
        Instant created = start.plusMillis(SEQUENCE.incrementAndGet());
        records.add(TestRecords.call(account, CallStatus.COMPLETED, created, 2));
        records.add(
            TestRecords.message(
                account, "+14155550100", "+14155550101", "hi", created, created, 2));
      }
    }
    topics.publishCompleted("records.completed", records);
    records.forEach(
        r ->
            PUBLISHED
                .computeIfAbsent(r.accountSid(), a -> ConcurrentHashMap.newKeySet())
                .add(r.sid()));
  }

  /** One pass over an account's calls, two a page: what went wrong. */
  private static List<String> pass(String account, Set<String> storedBefore) {
    List<String> problems = new ArrayList<>();
    List<String> listed = new ArrayList<>();
    String afterDate = null;
    String afterSid = null;
    for (int page = 0; page < 1_000; page++) {
      var request = service().queryParam("PageSize", 2);
      if (afterSid != null) {
        request =
            request.queryParam("AfterDateCreated", afterDate).queryParam("AfterSid", afterSid);
      }
      var answer = request.get("/internal/v1/Accounts/" + account + "/Calls");
      if (answer.statusCode() != 200) {
        problems.add(account + ": " + answer.statusCode() + " " + answer.asString());
        return problems;
      }
      List<String> sids = answer.jsonPath().getList("records.sid");
      listed.addAll(sids);
      if (sids.size() < 2) {
        break;
      }
      afterSid = sids.get(sids.size() - 1);
      afterDate = answer.jsonPath().getString("records[" + (sids.size() - 1) + "].date_created");
    }
    Set<String> once = Set.copyOf(listed);
    if (once.size() != listed.size()) {
      problems.add(account + ": a call listed twice in one pass");
    }
    storedBefore.stream()
        .filter(sid -> sid.startsWith("CA") && !once.contains(sid))
        .forEach(sid -> problems.add(account + ": " + sid + " missing from a pass"));
    return problems;
  }

  /** Waits until every record of the accounts is stored once where its account's reads go. */
  private static void awaitAllStored(List<String> accounts, String shard1Server) {
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              Map<String, List<String>> stored = new HashMap<>();
              rowsOf("shard-0", schema("0"), stored);
              rowsOf(shard1Server, schema("1"), stored);
              for (String account : accounts) {
                List<String> sids = stored.getOrDefault(account, List.of());
                assertThat(sids).as(account + "'s rows").doesNotHaveDuplicates();
                assertThat(new HashSet<>(sids)).as(account).isEqualTo(PUBLISHED.get(account));
              }
            });
  }

  /** Every account's Sids in one shard schema of a server. */
  private static void rowsOf(String server, String schema, Map<String, List<String>> into) {
    TestServers.servers()
        .mariaDb(server)
        .sql(
            "SELECT account_sid, sid FROM %s.calls UNION ALL SELECT account_sid, sid FROM %s.messages"
                .formatted(schema, schema))
        .lines()
        .map(line -> line.strip().split("\\s+"))
        .filter(f -> f.length == 2)
        .forEach(f -> into.computeIfAbsent(f[0], a -> new ArrayList<>()).add(f[1]));
  }

  /** How many calls and messages shard-1's schema holds on a server. */
  private static String rows(String server) {
    return TestServers.servers()
        .mariaDb(server)
        .sql(
            "SELECT (SELECT COUNT(*) FROM %s.calls), (SELECT COUNT(*) FROM %s.messages)"
                .formatted(schema("1"), schema("1")))
        .strip();
  }

  private static Map<String, Set<String>> copy(Map<String, Set<String>> published) {
    Map<String, Set<String>> copy = new HashMap<>();
    published.forEach((a, sids) -> copy.put(a, Set.copyOf(sids)));
    return copy;
  }

  private static Thread started(Runnable work) {
    Thread thread = new Thread(work);
    thread.start();
    return thread;
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
