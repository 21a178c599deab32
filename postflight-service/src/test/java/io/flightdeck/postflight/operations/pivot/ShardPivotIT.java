package io.flightdeck.postflight.operations.pivot;

import static io.flightdeck.postflight.TestCallers.operator;
import static io.flightdeck.postflight.UnderLoad.pause;
import static io.flightdeck.postflight.operations.pivot.ShardOne.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.flightdeck.postflight.TestRecords;
import io.flightdeck.postflight.WithRealServers;
import io.flightdeck.postflight.operations.StepContext;
import io.flightdeck.postflight.operations.StepOutcome;
import io.flightdeck.servers.MariaDbServer;
import io.flightdeck.servers.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
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
@TestProfile(ShardOne.OwnServers.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShardPivotIT {
  private static final int ACCOUNTS = 40;

  @Test
  @Order(1)
  void aShardWithoutReplicaIsRefusedNamingTheCheckAndNothingChanges() {
    JsonPath status = pivotStatus("");
    assertThat(status.getBoolean("ready")).isFalse();
    assertThat(status.getString("checks.find { it.name == 'candidate' }.reason"))
        .contains("shard shard-1 has no replica");
    requestPivot(Map.of("to", REPLICA_NAME))
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
      requestPivot(Map.of("to", REPLICA_NAME))
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
    ShardOne.Load load = new ShardOne.Load(ACCOUNTS, 5, 8);
    List<String> accounts = load.accounts();
    pause(1000);
    JsonPath status;
    try {
      status = pivot(REPLICA_NAME);
    } finally {
      load.close();
    }

    assertThat(status.getString("status")).as(status.prettify()).isEqualTo("completed");
    assertThat(status.getString("steps.find { it.name == 'resume-writes' }.progress"))
        .contains("writes were blocked");
    assertThat(load.writes()).as("records published during the pivot").isPositive();
    assertThat(load.passes()).as("list passes during the pivot").isPositive();
    assertThat(load.readProblems()).as("failed or wrong reads during the pivot").isEmpty();
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
    requestPivot(Map.of("to", "shard-1", "force", true))
        .statusCode(409)
        .body("message", containsString("primary-reachable"));

    TestServers.servers().kill("mariadb-" + REPLICA);
    assertThat(pivotStatus("?to=shard-1").getBoolean("ready")).isFalse();
    assertThat(pivotStatus("?to=shard-1&force=true").getBoolean("ready"))
        .as(pivotStatus("?to=shard-1&force=true").prettify())
        .isTrue();
    String id =
        requestPivot(Map.of("to", "shard-1", "force", true)).statusCode(202).extract().path("id");
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
    return ShardOne.startedAndEnded("/admin/v1/Shards/shard-1/Pivots", Map.of("to", to));
  }

  private static ValidatableResponse requestPivot(Map<String, Object> request) {
    return operator()
        .contentType(ContentType.JSON)
        .body(request)
        .post("/admin/v1/Shards/shard-1/Pivots")
        .then();
  }

  private static JsonPath pivotStatus(String query) {
    return operator()
        .get("/admin/v1/Shards/shard-1/PivotStatus" + query)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }
}
