package io.flightdeck.aggregator.readpath;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.flightdeck.aggregator.TestAccounts;
import io.flightdeck.aggregator.TestAccounts.Account;
import io.flightdeck.aggregator.WithControlStore;
import io.flightdeck.flags.Flags;
import io.flightdeck.flags.ReadPath;
import io.flightdeck.flags.UnleashAdmin;
import io.flightdeck.servers.UnleashEndpoint;
import io.flightdeck.servers.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The per-account read path against the real legacy MariaDB and a real Unleash, flags set through
 * Unleash's admin API as an operator sets them in the UI. The split stores' services do not run
 * here: an account on the split path gets a 503, and a shadow read of split fails (counted, never
 * seen by the client).
 */
@QuarkusTest
@WithControlStore
class ReadPathsIT {
  private static final Instant T0 = Instant.parse("2026-02-03T10:00:00Z");
  private static UnleashAdmin unleash;

  @BeforeAll
  static void operatorsView() throws Exception {
    UnleashEndpoint endpoint = TestServers.unleash().unleash();
    unleash = new UnleashAdmin(endpoint.apiUrl(), endpoint.adminToken(), "development");
    unleash.provision();
    unleash.switchEnvironment(Flags.READ_PATH, true);
  }

  /**
   * An account on {@code path}, once the aggregator's flags say so; with three calls and two
   * messages in the legacy store.
   */
  private static Account accountOn(ReadPath path) throws Exception {
    Account account = TestAccounts.create();
    LegacyRows.call(account.sid(), LegacyRows.sid("CA"), "completed", "+14155550101", T0);
    LegacyRows.call(
        account.sid(), LegacyRows.sid("CA"), "in-progress", "+14155550102", T0.plusSeconds(60));
    LegacyRows.call(
        account.sid(), LegacyRows.sid("CA"), "queued", "+14155550101", T0.plusSeconds(120));
    LegacyRows.message(account.sid(), LegacyRows.sid("SM"), "delivered", T0, T0.plusSeconds(1));
    LegacyRows.message(account.sid(), LegacyRows.sid("SM"), "queued", T0.plusSeconds(90), null);
    unleash.assign(Flags.READ_PATH, path, account.sid());
    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () ->
                path.variantName()
                    .equals(
                        account
                            .given()
                            .get(account.path() + "/Messages.json")
                            .header(ReadPathHeader.NAME)));
    return account;
  }

  @Test
  void theLegacyPathListsPagesFiltersAndGetsInThePublicFormat() throws Exception {
    Account account = accountOn(ReadPath.LEGACY);
    Response first =
        account
            .given()
            .get(account.path() + "/Calls.json?PageSize=2")
            .then()
            .statusCode(200)
            .header(ReadPathHeader.NAME, "legacy")
            .body("calls.status", contains("queued", "in-progress"))
            .body("calls[0].date_created", equalTo("Tue, 03 Feb 2026 10:02:00 +0000"))
            .body("calls[0].start_time", nullValue())
            .body("page_size", equalTo(2))
            .body("start", equalTo(0))
            .body("end", equalTo(1))
            .extract()
            .response();
    String next = first.path("next_page_uri");
    Response second =
        account
            .given()
            .get(next)
            .then()
            .statusCode(200)
            .header(ReadPathHeader.NAME, "legacy")
            .body("calls.status", contains("completed"))
            .body("calls[0].duration", equalTo("42"))
            .body("calls[0].start_time", equalTo("Tue, 03 Feb 2026 10:00:05 +0000"))
            .body("next_page_uri", nullValue())
            .extract()
            .response();
    String sid = second.path("calls[0].sid");
    account
        .given()
        .get(account.path() + "/Calls/" + sid + ".json")
        .then()
        .statusCode(200)
        .header(ReadPathHeader.NAME, "legacy")
        .body("sid", equalTo(sid))
        .body("status", equalTo("completed"))
        .body("uri", equalTo(account.path() + "/Calls/" + sid + ".json"));
    account
        .given()
        .queryParam("To", "+14155550101")
        .queryParam("Status", "queued")
        .get(account.path() + "/Calls.json")
        .then()
        .statusCode(200)
        .body("calls.to", contains("+14155550101"))
        .body("calls.status", contains("queued"));
    account
        .given()
        .queryParam("StartTime>", "2026-02-03")
        .get(account.path() + "/Calls.json")
        .then()
        .statusCode(200)
        .body("calls.status", contains("completed"));
    account
        .given()
        .get(account.path() + "/Messages.json?DateSent=2026-02-03")
        .then()
        .statusCode(200)
        .body("messages.status", contains("delivered"))
        .body("messages[0].body", equalTo("hello from the legacy store"));
    account
        .given()
        .get(account.path() + "/Calls/CA" + "0".repeat(32) + ".json")
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));
  }

  @Test
  void legacyRowsThatAreNoRecordAreSkippedAndCountedWhilePagingSeesEveryOtherRecord()
      throws Exception {
    Account account = accountOn(ReadPath.LEGACY);
    String onHold = LegacyRows.sid("CA");
    LegacyRows.bare(
        account.sid(), "call", onHold, "on-hold", "2026-02-03 10:01:30"); // no call status (yet)
    LegacyRows.bare(
        account.sid(),
        "call",
        "CAnot-" + LegacyRows.sid("").substring(4),
        "completed",
        "2026-02-03 09:00:00");
    LegacyRows.bare(
        account.sid(), "call", LegacyRows.sid("CA"), "completed", "0000-00-00 00:00:00");
    LegacyRows.bare(
        account.sid(), "message", LegacyRows.sid("SM"), "in-progress", "2026-02-03 10:00:30");

    List<String> statuses = new ArrayList<>();
    String uri = account.path() + "/Calls.json?PageSize=1";
    while (uri != null) {
      Response page = account.given().get(uri).then().statusCode(200).extract().response();
      statuses.addAll(page.path("calls.status"));
      uri = page.path("next_page_uri");
    }
    assertThat(statuses).containsExactly("queued", "in-progress", "completed");
    account
        .given()
        .get(account.path() + "/Messages.json")
        .then()
        .statusCode(200)
        .body("messages.status", contains("queued", "delivered"));
    account
        .given()
        .get(account.path() + "/Calls/" + onHold + ".json")
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    assertThat(metrics)
        .contains(
            "flightdeck_records_skipped_total{field=\"status\",resource=\"Calls\",store=\"legacy\"}",
            "flightdeck_records_skipped_total{field=\"sid\",resource=\"Calls\",store=\"legacy\"}",
            "flightdeck_records_skipped_total{field=\"date_created\",resource=\"Calls\",store=\"legacy\"}",
            "flightdeck_records_skipped_total{field=\"status\",resource=\"Messages\",store=\"legacy\"}");
  }

  @Test
  void anotherAccountsLegacyRecordsStayInvisible() throws Exception {
    Account mine = accountOn(ReadPath.LEGACY);
    Account theirs = accountOn(ReadPath.LEGACY);
    String sid =
        theirs
            .given()
            .get(theirs.path() + "/Calls.json")
            .then()
            .statusCode(200)
            .extract()
            .path("calls[0].sid");
    mine.given().get(mine.path() + "/Calls/" + sid + ".json").then().statusCode(404);
  }

  @Test
  void accountsOnNoStrategyTakeTheDefaultSplitPath() {
    Account account = TestAccounts.create();
    account
        .given()
        .get(account.path() + "/Calls.json")
        .then()
        .statusCode(503); // the split stores' services are not running here
  }

  @Test
  void shadowSplitServesLegacyAndAFailingCandidateIsCountedAndKeptNeverSeen() throws Exception {
    Account account = accountOn(ReadPath.SHADOW_SPLIT);
    for (int i = 0; i < 3; i++) {
      account
          .given()
          .get(account.path() + "/Calls.json")
          .then()
          .statusCode(200)
          .header(ReadPathHeader.NAME, "shadow-split")
          .body("calls.size()", equalTo(3));
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              List<String> accounts =
                  given()
                      .header("Authorization", "Bearer " + TestAccounts.OPERATOR_TOKEN)
                      .get("/admin/v1/ShadowMismatches")
                      .then()
                      .statusCode(200)
                      .extract()
                      .path("mismatches.account_sid");
              return accounts.contains(account.sid());
            });
    given()
        .header("Authorization", "Bearer " + TestAccounts.OPERATOR_TOKEN)
        .get("/admin/v1/ShadowMismatches")
        .then()
        .body(
            "mismatches.find { it.account_sid == '" + account.sid() + "' }.outcome",
            equalTo("candidate-error"))
        .body(
            "mismatches.find { it.account_sid == '" + account.sid() + "' }.request",
            equalTo("GET " + account.path() + "/Calls.json?PageSize=50&Page=0"))
        .body(
            "mismatches.find { it.account_sid == '" + account.sid() + "' }.served_path",
            equalTo("legacy"))
        .body(
            "mismatches.find { it.account_sid == '" + account.sid() + "' }.served.records.size()",
            equalTo(3));
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    assertThat(metrics)
        .contains(
            "flightdeck_shadow_comparisons_total{flag=\"read-path\",outcome=\"candidate-error\"}")
        .doesNotContain(account.sid()); // one series per flag and outcome, not per account
    given().get("/admin/v1/ShadowMismatches").then().statusCode(401);
  }

  @Test
  void withUnleashKilledWhileRequestsFlowEveryRequestIsServedOnTheLastKnownPath() throws Exception {
    Account account = accountOn(ReadPath.LEGACY);
    AtomicBoolean running = new AtomicBoolean(true);
    ExecutorService client = Executors.newSingleThreadExecutor();
    Future<int[]> load =
        client.submit(
            () -> {
              int served = 0;
              int wrong = 0;
              while (running.get()) {
                Response response = account.given().get(account.path() + "/Calls.json");
                served++;
                if (response.statusCode() != 200
                    || !"legacy".equals(response.header(ReadPathHeader.NAME))) {
                  wrong++;
                }
              }
              return new int[] {served, wrong};
            });
    try {
      Thread.sleep(1000);
      TestServers.servers().kill("unleash");
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> given().get("/q/health/ready").asString().contains("\"stale\": true"));
      Thread.sleep(2000);
    } finally {
      running.set(false);
      int[] result = load.get();
      client.shutdown();
      TestServers.unleash();
      assertThat(result[0]).isGreaterThan(10);
      assertThat(result[1]).isZero();
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> given().get("/q/health/ready").asString().contains("\"stale\": false"));
  }
}
