package io.flightdeck.postflight.operations.schema;

import static io.flightdeck.postflight.TestCallers.operator;
import static io.flightdeck.postflight.UnderLoad.pause;
import static io.flightdeck.postflight.operations.pivot.ShardOne.PRIMARY;
import static io.flightdeck.postflight.operations.pivot.ShardOne.REPLICA;
import static io.flightdeck.postflight.operations.pivot.ShardOne.REPLICA_NAME;
import static io.flightdeck.postflight.operations.pivot.ShardOne.WAIT;
import static io.flightdeck.postflight.operations.pivot.ShardOne.addTheReplica;
import static io.flightdeck.postflight.operations.pivot.ShardOne.awaitAllStored;
import static io.flightdeck.postflight.operations.pivot.ShardOne.pass;
import static io.flightdeck.postflight.operations.pivot.ShardOne.primaryName;
import static io.flightdeck.postflight.operations.pivot.ShardOne.publish;
import static io.flightdeck.postflight.operations.pivot.ShardOne.published;
import static io.flightdeck.postflight.operations.pivot.ShardOne.rows;
import static io.flightdeck.postflight.operations.pivot.ShardOne.rowsOf;
import static io.flightdeck.postflight.operations.pivot.ShardOne.schema;
import static io.flightdeck.postflight.operations.pivot.ShardOne.serverOf;
import static io.flightdeck.postflight.operations.pivot.ShardOne.startedAndEnded;
import static io.flightdeck.postflight.operations.pivot.ShardOne.topology;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.flightdeck.postflight.TestRecords;
import io.flightdeck.postflight.WithRealServers;
import io.flightdeck.postflight.operations.pivot.ShardOne;
import io.flightdeck.servers.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Schema changes through the REST API, with a real rolling migration (a column at the end of {@code
 * calls} and an index; test resources, {@code V100__rolling_add_calls_note}) that opening a shard
 * leaves pending: shard-0, which has no replica, is changed in place; shard-1 (the pivot tests'
 * servers) is changed on its replica without binary logging, pivoted while completed records stream
 * in and a client pages the lists, then its old primary is changed. The service works against both
 * shapes while the change rolls: nothing lost, listed twice or failed.
 */
@QuarkusTest
@WithRealServers
@TestProfile(ShardOne.OwnServers.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShardSchemaChangeIT {
  private static final int ACCOUNTS = 20;

  @Test
  @Order(1)
  void aShardWithoutReplicaIsChangedInPlaceAfterADryRunThatChangesNothing() throws Exception {
    JsonPath before = schemaOf("shard-0");
    assertThat(before.getBoolean("pending")).isTrue();
    assertThat(before.getString("servers[0].version")).isEqualTo("3");
    assertThat(before.getString("servers[0].pending_migrations[0].version")).isEqualTo("100");
    assertThat(before.getBoolean("servers[0].pending_migrations[0].rolling")).isTrue();

    JsonPath dryRun = change("shard-0", true);
    assertThat(dryRun.getString("status")).as(dryRun.prettify()).isEqualTo("completed");
    assertThat(dryRun.getList("steps.name"))
        .containsExactly("pre-check", "change-primary", "verify");
    assertThat(columns("shard-0", schema("0"))).isZero();

    // Clients page shard-0's accounts all through the change: the service's connections keep their
    // prepared list statements, which must go on answering while the table changes under them.
    List<String> onShard0 = accountsWithRecordsOnShard0();
    Map<String, Set<String>> stored = published();
    ShardOne.Paging reader = new ShardOne.Paging(onShard0, stored);
    JsonPath done;
    try {
      done = change("shard-0", false);
    } finally {
      reader.close();
    }
    List<String> problems = new ArrayList<>(reader.problems());
    onShard0.forEach(a -> problems.addAll(pass(a, stored.get(a))));
    assertThat(problems)
        .as("failed or wrong lists of shard-0 during and after the change")
        .isEmpty();
    assertThat(reader.passes()).as("passes over shard-0's accounts during the change").isPositive();
    assertThat(done.getString("status")).as(done.prettify()).isEqualTo("completed");
    assertThat(done.getString("steps.find { it.name == 'verify' }.progress"))
        .contains("every server of shard-0 is at version 100");
    assertThat(columns("shard-0", schema("0"))).isEqualTo(2);
    assertThat(schemaOf("shard-0").getBoolean("pending")).isFalse();

    operator()
        .contentType(ContentType.JSON)
        .body(Map.of())
        .post("/admin/v1/Shards/shard-0/SchemaChanges")
        .then()
        .statusCode(409)
        .body("message", containsString("nothing to apply on shard-0"));
  }

  @Test
  @Order(2)
  @Timeout(300)
  void aShardWithAReplicaIsChangedReplicaFirstThenPivotedUnderLoadLosingNothing() throws Exception {
    if (topology().getList("shards.find { it.id == 'shard-1' }.replicas").isEmpty()) {
      addTheReplica();
    }
    String oldPrimary = primaryName();
    String newPrimary = oldPrimary.equals(REPLICA_NAME) ? "shard-1" : REPLICA_NAME;
    JsonPath schemaBefore = schemaOf("shard-1");
    assertThat(schemaBefore.getList("servers.version"))
        .as(schemaBefore.prettify())
        .containsExactly("3", "3");

    ShardOne.Load load = new ShardOne.Load(ACCOUNTS, 4, 6);
    pause(500);
    JsonPath status;
    try {
      status = change("shard-1", false);
    } finally {
      load.close();
    }

    assertThat(status.getString("status")).as(status.prettify()).isEqualTo("completed");
    assertThat(status.getString("steps.find { it.name == 'change-replicas' }.progress"))
        .contains("changed without binary logging")
        .contains(newPrimary);
    assertThat(status.getString("steps.find { it.name == 'resume-writes' }.progress"))
        .contains("writes were blocked");
    assertThat(status.getString("steps.find { it.name == 'verify' }.progress"))
        .contains("every server of shard-1 is at version 100");
    assertThat(load.writes()).as("records published during the change").isPositive();
    assertThat(load.passes()).as("list passes during the change").isPositive();
    assertThat(load.readProblems()).as("failed or wrong reads during the change").isEmpty();
    assertThat(primaryName()).isEqualTo(newPrimary);

    awaitAllStored(load.accounts(), serverOf(newPrimary));
    for (String server : List.of(PRIMARY, REPLICA)) {
      assertThat(columns(server, schema("1"))).as("note and its index on " + server).isEqualTo(2);
      assertThat(history(server)).as("migration history on " + server).isEqualTo("1,2,3,100");
    }
    // Had the change been binary-logged, the old primary would have replayed it and stopped
    // replicating on the duplicate column: it follows the new primary and holds every record.
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(
                        topology()
                            .getBoolean(
                                "shards.find { it.id == 'shard-1' }.replicas[0].state.replicating"))
                    .isTrue());
    await().atMost(WAIT).until(() -> rows(PRIMARY).equals(rows(REPLICA)));
    assertThat(schemaOf("shard-1").getBoolean("pending")).isFalse();
  }

  /** Of 16 new accounts with records, those whose records are stored on shard-0. */
  private static List<String> accountsWithRecordsOnShard0() {
    List<String> accounts = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      accounts.add(TestRecords.newAccount());
    }
    publish(accounts, 5);
    awaitAllStored(accounts, serverOf(primaryName()));
    Map<String, List<String>> stored = new HashMap<>();
    rowsOf("shard-0", schema("0"), stored);
    List<String> onShard0 = accounts.stream().filter(stored::containsKey).toList();
    assertThat(onShard0).as("accounts of 16 routed to shard-0").isNotEmpty();
    return onShard0;
  }

  private static JsonPath schemaOf(String shard) {
    return operator()
        .get("/admin/v1/Shards/" + shard + "/Schema")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** Starts a schema change and follows it until it ends. */
  private static JsonPath change(String shard, boolean dryRun) {
    return startedAndEnded(
        "/admin/v1/Shards/" + shard + "/SchemaChanges", Map.of("dry_run", dryRun));
  }

  /** How many of the migration's column and index a server's schema has (0, or 2 when applied). */
  private static int columns(String server, String schema) {
    return Integer.parseInt(
        TestServers.servers()
            .mariaDb(server)
            .sql(
                ("SELECT (SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = '%s'"
                        + " AND table_name = 'calls' AND column_name = 'note')"
                        + " + (SELECT COUNT(DISTINCT index_name) FROM information_schema.statistics"
                        + " WHERE table_schema = '%s' AND table_name = 'calls'"
                        + " AND index_name = 'calls_by_account_note')")
                    .formatted(schema, schema))
            .strip());
  }

  /** The versions a server's history of shard-1's schema holds, in the order they were applied. */
  private static String history(String server) {
    return TestServers.servers()
        .mariaDb(server)
        .sql(
            "SELECT GROUP_CONCAT(version ORDER BY installed_rank) FROM %s.flyway_schema_history"
                .formatted(schema("1")))
        .strip();
  }
}
