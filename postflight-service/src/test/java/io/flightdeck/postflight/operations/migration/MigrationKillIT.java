package io.flightdeck.postflight.operations.migration;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.flightdeck.auth.DevelopmentCredentials;
import io.flightdeck.flags.Flags;
import io.flightdeck.flags.ReadPath;
import io.flightdeck.flags.UnleashAdmin;
import io.flightdeck.flags.WritePath;
import io.flightdeck.postflight.IsolatedService;
import io.flightdeck.postflight.TestRecords;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.servers.ServerSet;
import io.flightdeck.servers.UnleashEndpoint;
import io.flightdeck.servers.testing.ServerRequest;
import io.flightdeck.servers.testing.TestServers;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The packaged service, run as a real process, is killed (SIGKILL) in the middle of a migration's
 * backfill and started again: the backfill goes on from its stored position, and every finished
 * record ends on the account's shard once; the migration completes with every record verified.
 */
class MigrationKillIT {
  private static final Path PACKAGED = Path.of("target/quarkus-app/quarkus-run.jar");
  private static final String SERVICE = "postflight-migration-kill-it";
  private static final int RECORDS = 3_000;

  @Test
  void aServiceKilledMidBackfillResumesFromItsPositionAndCopiesNothingTwice() throws Exception {
    assumeThat(PACKAGED).as("the packaged service (failsafe runs after package)").exists();
    String run = UUID.randomUUID().toString().substring(0, 8);
    String database = "migration_kill_" + run;
    TestServers.start(
        ServerRequest.fromArgs(
            Map.of(
                "mariadb", "shard-0,shard-1,control,legacy", "kafka", "true", "unleash", "true")));
    LegacyRecords.migrated();
    UnleashEndpoint endpoint = TestServers.unleash().unleash();
    UnleashAdmin unleash =
        new UnleashAdmin(endpoint.apiUrl(), endpoint.adminToken(), "development");
    unleash.provision();
    String account = TestRecords.newAccount();
    unleash.assign(Flags.WRITE_PATH, WritePath.LEGACY, account);
    unleash.assign(Flags.READ_PATH, ReadPath.LEGACY, account);
    LegacyRecords.insert(finished(account), false);

    Map<String, String> properties =
        IsolatedService.properties(
            "migration-kill-" + run, database, "migration-kill-" + run + ".records.completed");
    // A backfill of several seconds (the kill lands in it), and short waits after it.
    properties.put("flightdeck.postflight.migration.chunk", "100");
    properties.put("flightdeck.postflight.migration.rows-per-second", "400");
    properties.put("flightdeck.postflight.migration.flag-settle", "1s");
    properties.put("flightdeck.postflight.migration.verify-settle", "1s");
    properties.put("flightdeck.postflight.migration.watch-window", "2s");
    // The killed driver's lease expires soon after the restart.
    properties.put("flightdeck.postflight.operations.lease", "5s");
    properties.put("flightdeck.auth.operator-token-hashes", OPERATOR_TOKEN_HASH);
    ServerSet servers =
        ServerSet.builder(TestServers.stateFolder())
            .mariaDb("shard-0", "shard-1", "control", "legacy")
            .kafka()
            .unleash()
            .quarkusService(SERVICE, PACKAGED.toAbsolutePath(), properties)
            .build();
    try {
      servers.start(SERVICE);
      String url = "http://127.0.0.1:" + servers.quarkusService(SERVICE).port().getAsInt();
      String id =
          given()
              .auth()
              .oauth2(DevelopmentCredentials.OPERATOR_TOKEN)
              .contentType(ContentType.JSON)
              .body(Map.of("accounts", List.of(account)))
              .post(url + "/admin/v1/Migrations")
              .then()
              .statusCode(201)
              .extract()
              .path("id");
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> IsolatedService.stored(database) >= 500);
      servers.kill(SERVICE);
      long atTheKill = IsolatedService.stored(database);
      assertThat(atTheKill).as("killed mid-backfill").isLessThan(RECORDS);

      servers.start(SERVICE);
      String restarted = "http://127.0.0.1:" + servers.quarkusService(SERVICE).port().getAsInt();
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> status(restarted, id).getString("status").equals("completed"));
      JsonPath done = status(restarted, id);
      assertThat(IsolatedService.stored(database)).isEqualTo(RECORDS);
      assertThat(IsolatedService.distinctSids(database)).isEqualTo(RECORDS);
      assertThat(done.getLong("accounts[0].rows_copied")).isEqualTo(RECORDS);
      assertThat(done.getLong("accounts[0].rows_verified")).isEqualTo(RECORDS);
      assertThat(done.getString("steps.find { it.name == 'backfill' }.progress"))
          .contains("rows copied: " + RECORDS);
      System.out.printf(
          "migration killed mid-backfill: %d of %d records copied when killed; %d on the shard once each after the restart%n",
          atTheKill, RECORDS, RECORDS);
    } finally {
      servers.stop(SERVICE);
    }
  }

  /** SHA-256 of the development operator token, as {@code %test} configures it. */
  private static final String OPERATOR_TOKEN_HASH =
      "f5a8bd467073429e98d31b1175b7692bfdbb375c82faf04df1ca5dc040e77c07";

  private static JsonPath status(String url, String id) {
    return given()
        .auth()
        .oauth2(DevelopmentCredentials.OPERATOR_TOKEN)
        .get(url + "/admin/v1/Migrations/" + id)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static List<LifecycleRecord> finished(String account) {
    Instant created = Instant.now().truncatedTo(ChronoUnit.MICROS).minus(Duration.ofDays(30));
    return TestRecords.callsAndMessages(List.of(account), RECORDS, created);
  }
}
