package io.flightdeck.postflight.operations.migration;

import static io.flightdeck.postflight.TestCallers.operator;
import static io.flightdeck.postflight.TestCallers.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.flightdeck.flags.FlagAssignments;
import io.flightdeck.flags.Flags;
import io.flightdeck.flags.ReadPath;
import io.flightdeck.flags.UnleashAdmin;
import io.flightdeck.flags.WritePath;
import io.flightdeck.postflight.TestRecords;
import io.flightdeck.postflight.WithRealServers;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.CallStatus;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.MessageRecord;
import io.flightdeck.servers.UnleashEndpoint;
import io.flightdeck.servers.testing.ServersTestResource;
import io.flightdeck.servers.testing.TestServers;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Migrations from the legacy store, through the admin API, against real servers: the legacy MariaDB
 * (records written by hand as inflight-service writes them), Unleash (the flags, read and set
 * through its admin API), the shards and the control database. What an operator sees: the records
 * on the account's shard (read back through the internal read API), the flags in Unleash, the
 * operation's status.
 */
@QuarkusTest
@WithRealServers
@WithTestResource(
    value = ServersTestResource.class,
    scope = TestResourceScope.MATCHING_RESOURCES,
    initArgs = {
      @ResourceArg(name = "mariadb", value = "legacy"),
      @ResourceArg(name = "unleash", value = "true")
    })
class MigrationsIT {
  private static UnleashAdmin unleash;

  @BeforeAll
  static void legacyStoreAndFlags() throws IOException {
    LegacyRecords.migrated();
    UnleashEndpoint endpoint = TestServers.unleash().unleash();
    unleash = new UnleashAdmin(endpoint.apiUrl(), endpoint.adminToken(), "development");
    unleash.provision();
  }

  @Test
  void accountsMoveWithEveryFinishedRecordOnTheirShardOnceAndTheirFlagsEndOnSplit()
      throws IOException {
    List<String> accounts = List.of(onLegacy(), onLegacy(), onLegacy());
    Map<String, List<LifecycleRecord>> finished = new java.util.HashMap<>();
    for (String account : accounts) {
      finished.put(account, seedFinished(account, 12));
      // A copy of a live record born in the split stores: neither copied nor waited for.
      LegacyRecords.insert(
          List.of(TestRecords.call(account, CallStatus.IN_PROGRESS, Instant.now(), 2)), true);
    }
    String id =
        start(accounts, false)
            .statusCode(201)
            .body("kind", equalTo("migration"))
            .extract()
            .path("id");

    ValidatableResponse done = awaitStatus(id, "completed", Duration.ofSeconds(90));
    for (int i = 0; i < accounts.size(); i++) {
      String account = accounts.get(i);
      done.body("accounts[" + i + "].account_sid", equalTo(account))
          .body("accounts[" + i + "].rows_copied", equalTo(12))
          .body("accounts[" + i + "].rows_verified", equalTo(12))
          .body("accounts[" + i + "].flags.write_path", equalTo("split"))
          .body("accounts[" + i + "].flags.read_path", equalTo("split"));
      assertThat(flags(account)).containsExactly("split", "split");
      for (LifecycleRecord record : finished.get(account)) {
        String path = record instanceof CallRecord ? "Calls" : "Messages";
        Map<String, Object> stored =
            readInternal(account, "/" + path + "/" + record.sid()).extract().jsonPath().getMap("");
        assertThat(stored).containsEntry("status", record.status().wireName());
        assertThat(stored)
            .containsEntry(
                "to", record instanceof CallRecord c ? c.to() : ((MessageRecord) record).to());
        assertThat(stored.get("version")).isEqualTo((int) record.version());
      }
      List<String> listed =
          readInternal(account, "/Calls?PageSize=1000").extract().path("records.sid");
      assertThat(listed).doesNotHaveDuplicates().hasSize(6);
    }
    rollback(id).statusCode(409).body("message", containsString("has reached done"));
  }

  @Test
  void aMismatchWhileReadsAreServedBySplitRollsBackByItself() throws IOException {
    String account = onLegacy();
    List<LifecycleRecord> finished = seedFinished(account, 4);
    String id = started(account);
    awaitStatusShows(
        id,
        Duration.ofSeconds(60),
        status ->
            status
                .body("steps.find { it.name == 'watch' }.state", equalTo("running"))
                .body("accounts[0].flags.read_path", equalTo("split-shadow-legacy")));
    LegacyRecords.changeKeepingVersion(finished.get(0).sid(), "+14155550888");

    awaitStatus(id, "cancelled", Duration.ofSeconds(30))
        .body("accounts[0].note", containsString("rolled back automatically"))
        .body("accounts[0].note", containsString("mismatch rate"))
        .body("accounts[0].rolled_back", equalTo(true))
        .body("accounts[0].mismatches[0].sid", equalTo(finished.get(0).sid()));
    assertThat(flags(account)).containsExactly("legacy", "legacy");
  }

  @Test
  void aFlagFlippedByHandStopsTheStepNamingItAndRollbackFromDrainReturnsToLegacy()
      throws IOException {
    String account = onLegacy();
    seedFinished(account, 2);
    liveOnLegacy(account, CallStatus.QUEUED, 1);
    String id = started(account);
    awaitDrainRunning(id);

    unleash.assign(Flags.READ_PATH, ReadPath.SPLIT, account);
    awaitStatusShows(
        id,
        Duration.ofSeconds(30),
        status ->
            status
                .body("status", equalTo("paused"))
                .body(
                    "steps.find { it.name == 'drain' }.reason",
                    containsString(
                        "read-path is 'split' in Unleash, but this migration last set 'legacy'")));

    rolledBackToLegacy(id, account);
  }

  @Test
  void unleashOrTheLegacyStoreDownPausesTheMigrationWhichGoesOnOnceTheyAreBack()
      throws IOException {
    String account = onLegacy();
    seedFinished(account, 4);
    CallRecord live = liveOnLegacy(account, CallStatus.IN_PROGRESS, 2);
    String id = started(account);
    awaitDrainRunning(id);

    TestServers.servers().stop("unleash");
    try {
      awaitDrainWaiting(id, "Unleash (flags not read, never guessed");
    } finally {
      TestServers.unleash();
    }
    TestServers.servers().stop("mariadb-legacy");
    try {
      awaitDrainWaiting(id, "the legacy store");
    } finally {
      TestServers.mariaDb("legacy");
    }
    assertThat(flags(account)).containsExactly("dual", "legacy");

    LegacyRecords.transition(live.sid(), "completed");
    awaitStatus(id, "completed", Duration.ofSeconds(90))
        .body("accounts[0].rows_verified", equalTo(5))
        .body("steps.find { it.name == 'drain' }.attempts", org.hamcrest.Matchers.greaterThan(1));
    assertThat(flags(account)).containsExactly("split", "split");
  }

  private static void awaitDrainRunning(String id) {
    awaitStatusShows(
        id,
        Duration.ofSeconds(60),
        status -> status.body("steps.find { it.name == 'drain' }.state", equalTo("running")));
  }

  private static void awaitDrainWaiting(String id, String reason) {
    awaitStatusShows(
        id,
        Duration.ofSeconds(30),
        status ->
            status
                .body("status", equalTo("paused"))
                .body("steps.find { it.name == 'drain' }.state", equalTo("waiting"))
                .body("steps.find { it.name == 'drain' }.reason", containsString(reason)));
  }

  @Test
  void aDryRunChecksEverythingAndChangesNothing() throws IOException {
    String account = onLegacy();
    seedFinished(account, 4);
    String id =
        start(List.of(account), true)
            .statusCode(201)
            .body("dry_run", equalTo(true))
            .extract()
            .path("id");
    awaitStatus(id, "completed", Duration.ofSeconds(60))
        .body("steps.progress", hasItem(containsString("dry run: would copy 4 finished records")))
        .body("accounts[0].rows_copied", equalTo(0));
    assertThat(flags(account)).containsExactly("legacy", "legacy");
    readInternal(account, "/Calls").body("records", org.hamcrest.Matchers.empty());
  }

  @Test
  void aLiveLegacyRecordHoldsDrainADivergenceBlocksTheFlipsAndRollbackReturnsToLegacy()
      throws IOException {
    String account = onLegacy();
    List<LifecycleRecord> finished = seedFinished(account, 6);
    CallRecord live = liveOnLegacy(account, CallStatus.RINGING, 1);
    String id = started(account);

    awaitStatusShows(
        id,
        Duration.ofSeconds(60),
        status ->
            status
                .body("steps.find { it.name == 'drain' }.state", equalTo("running"))
                .body("steps.find { it.name == 'drain' }.progress", containsString(live.sid())));
    assertThat(flags(account)).containsExactly("dual", "legacy");
    start(List.of(account), false)
        .statusCode(409)
        .body("message", containsString(account))
        .body("message", containsString("in migration " + id));

    LegacyRecords.changeBehindItsBack(finished.get(0).sid(), "+14155550999");
    LegacyRecords.transition(live.sid(), "completed");

    awaitStatusShows(
        id,
        Duration.ofSeconds(60),
        status ->
            status
                .body("status", equalTo("paused"))
                .body("steps.find { it.name == 'verify' }.state", equalTo("waiting"))
                .body(
                    "steps.find { it.name == 'verify' }.reason",
                    containsString(finished.get(0).sid()))
                .body("accounts[0].mismatches[0].sid", equalTo(finished.get(0).sid()))
                .body(
                    "accounts[0].mismatches[0].fields",
                    org.hamcrest.Matchers.contains("to_address")));
    status(id).body("steps.find { it.name == 'catch-up' }.state", equalTo("done"));
    assertThat(flags(account)).as("the read flips are blocked").containsExactly("dual", "legacy");
    readInternal(account, "/Calls/" + live.sid()).body("status", equalTo("completed"));

    rolledBackToLegacy(id, account)
        .body("accounts[0].step", equalTo("rolled back"))
        .body("accounts[0].flags.write_path", equalTo("legacy"));
    rollback(id).statusCode(409).body("message", containsString("cancelled already"));
  }

  @Test
  void badRequestsAreRefusedNamingWhy() throws IOException {
    post(Map.of("accounts", List.of())).statusCode(400).body("message", containsString("accounts"));

    post(Map.of("accounts", List.of("XY123")))
        .statusCode(400)
        .body("message", containsString("accounts[0]"));
    post("{\"accounts\": \"AC1\"}").statusCode(400);
    post("{\"accounts\": [\"" + onLegacy() + "\"], \"dry_run\": \"maybe\"}").statusCode(400);

    String onSplit = TestRecords.newAccount();
    start(List.of(onSplit), false)
        .statusCode(409)
        .body("message", containsString(onSplit))
        .body("message", containsString("write-path is 'split'"));
    operator().get("/admin/v1/Migrations/OPnone").then().statusCode(404);
    operator().post("/admin/v1/Migrations/OPnone/Rollback").then().statusCode(404);
  }

  private static String onLegacy() throws IOException {
    String account = TestRecords.newAccount();
    unleash.assign(Flags.WRITE_PATH, WritePath.LEGACY, account);
    unleash.assign(Flags.READ_PATH, ReadPath.LEGACY, account);
    return account;
  }

  private static List<String> flags(String account) throws IOException {
    FlagAssignments flags = new FlagAssignments(unleash);
    return List.of(
        flags.variantOf(Flags.WRITE_PATH, account), flags.variantOf(Flags.READ_PATH, account));
  }

  /** Half calls, half messages, finished over the last months, born in legacy. */
  private static List<LifecycleRecord> seedFinished(String account, int count) {
    List<LifecycleRecord> records = new ArrayList<>();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    for (int i = 0; i < count; i++) {
      Instant created = now.minus(Duration.ofDays(3L * i + 1));
      records.add(
          i % 2 == 0
              ? TestRecords.call(account, CallStatus.COMPLETED, created, 3)
              : TestRecords.message(
                  account, "+14155550100", "+14155550102", "hello " + i, created, created, 4));
    }
    LegacyRecords.insert(records, false);
    return records;
  }

  private static ValidatableResponse start(List<String> accounts, boolean dryRun) {
    return post(Map.of("accounts", accounts, "dry_run", dryRun));
  }

  /** Starts a migration of the account that is not a dry run, and returns its id. */
  private static String started(String account) {
    return start(List.of(account), false).statusCode(201).extract().path("id");
  }

  private static ValidatableResponse post(Object body) {
    return operator().contentType(ContentType.JSON).body(body).post("/admin/v1/Migrations").then();
  }

  /**
   * Rolls the migration back by hand and waits until it is cancelled, rolled back, with the
   * account's flags on legacy again; returns its status.
   */
  private static ValidatableResponse rolledBackToLegacy(String id, String account)
      throws IOException {
    rollback(id).statusCode(200);
    ValidatableResponse cancelled =
        awaitStatus(id, "cancelled", Duration.ofSeconds(30))
            .body("accounts[0].rolled_back", equalTo(true));
    assertThat(flags(account)).containsExactly("legacy", "legacy");
    return cancelled;
  }

  private static ValidatableResponse rollback(String id) {
    return operator().post("/admin/v1/Migrations/" + id + "/Rollback").then();
  }

  /** A live call, written to the legacy store only. */
  private static CallRecord liveOnLegacy(String account, CallStatus status, long version) {
    CallRecord live = TestRecords.call(account, status, Instant.now(), version);
    LegacyRecords.insert(List.of(live), false);
    return live;
  }

  /** Reads the account's records (or one of them) through the internal read API. */
  private static ValidatableResponse readInternal(String account, String path) {
    return service().get("/internal/v1/Accounts/" + account + path).then().statusCode(200);
  }

  private static ValidatableResponse status(String id) {
    return operator().get("/admin/v1/Migrations/" + id).then().statusCode(200);
  }

  /** Waits until the migration's status passes the checks. */
  private static void awaitStatusShows(
      String id, Duration within, Consumer<ValidatableResponse> checks) {
    await().atMost(within).untilAsserted(() -> checks.accept(status(id)));
  }

  private static ValidatableResponse awaitStatus(String id, String state, Duration within) {
    await()
        .atMost(within)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> status(id).body("status", equalTo(state)));
    return status(id);
  }
}
