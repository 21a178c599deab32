package io.flightdeck.inflight.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;

import io.flightdeck.inflight.Producer;
import io.flightdeck.inflight.StoredRows;
import io.flightdeck.inflight.WithRealServers;
import io.flightdeck.servers.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Two in-flight write nodes, as the local stack runs them: where creates go, what a Sid's slot
 * says, idempotent creates racing over several instances' choices, merged lists, and a node killed
 * and brought back.
 */
@QuarkusTest
@WithRealServers
class InflightNodesIT {
  private static final String CALL = "{\"from\": \"+14155550100\", \"to\": \"+14155550101\"}";

  @Test
  void createsSpreadOverTheNodesAndEachIsOnTheNodeItsSlotNames() {
    String account = Producer.newAccount();
    Set<String> used = new HashSet<>();
    for (int i = 0; i < 40; i++) {
      String sid = Producer.createCall(account);
      List<String> holding = StoredRows.nodesHolding(sid);
      assertThat(holding).as("nodes holding " + sid).hasSize(1);
      assertThat(holding.get(0)).isEqualTo(ownerOf(Slots.of(sid)));
      used.add(holding.get(0));
    }
    assertThat(used).containsExactlyInAnyOrderElementsOf(StoredRows.NODES);
  }

  @Test
  void oneIdempotencyKeyMakesOneRecordHoweverManyCreatesRace() throws Exception {
    String account = Producer.newAccount();
    ExecutorService pool = Executors.newFixedThreadPool(12);
    try {
      List<Future<ExtractableResponse<Response>>> answers = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        Callable<ExtractableResponse<Response>> create =
            () ->
                Producer.given()
                    .header("Idempotency-Key", "race-1")
                    .contentType(ContentType.JSON)
                    .body(CALL)
                    .post(Producer.calls(account))
                    .then()
                    .extract();
        answers.add(pool.submit(create));
      }
      Set<String> sids = new HashSet<>();
      int made = 0;
      for (Future<ExtractableResponse<Response>> answer : answers) {
        ExtractableResponse<Response> response = answer.get();
        assertThat(response.statusCode()).isIn(200, 201);
        made += response.statusCode() == 201 ? 1 : 0;
        sids.add(response.path("sid"));
      }
      assertThat(made).isEqualTo(1);
      assertThat(sids).hasSize(1);
      String sid = sids.iterator().next();
      assertThat(StoredRows.count("live_record", "sid", sid)).isEqualTo(1);
      assertThat(StoredRows.count("idempotency_key", "account_sid", account)).isEqualTo(1);
      assertThat(Slots.of(sid)).isEqualTo(Slots.ofKey(account, "race-1"));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anAccountsListMergesEveryNodeNewestFirstAndPagesOverEachRecordOnce() {
    String account = Producer.newAccount();
    Set<String> created = new HashSet<>();
    for (int i = 0; i < 30; i++) {
      created.add(Producer.createCall(account));
    }
    assertThat(created.stream().map(sid -> StoredRows.nodesHolding(sid).get(0)).distinct())
        .hasSize(2);

    List<String> listed = new ArrayList<>();
    String query = "?PageSize=7";
    while (true) {
      List<String> page =
          Producer.given()
              .get(Producer.calls(account) + query)
              .then()
              .statusCode(200)
              .extract()
              .path("records.sid");
      List<String> dates =
          Producer.given()
              .get(Producer.calls(account) + query)
              .then()
              .extract()
              .path("records.date_created");
      listed.addAll(page);
      if (page.size() < 7) {
        break;
      }
      query =
          "?PageSize=7&AfterDateCreated="
              + dates.get(dates.size() - 1).replace("+", "%2B")
              + "&AfterSid="
              + page.get(page.size() - 1);
    }
    assertThat(listed).hasSize(30).doesNotHaveDuplicates();
    assertThat(new HashSet<>(listed)).isEqualTo(created);
  }

  @Test
  void aKilledNodeGetsNoCreatesAndItsRecordsAnswer503UntilItIsBack() throws Exception {
    String account = Producer.newAccount();
    String onOne = null;
    String onZero = null;
    while (onOne == null || onZero == null) {
      String sid = Producer.createCall(account);
      if (ownerOf(Slots.of(sid)).equals("inflight-1")) {
        onOne = sid;
      } else {
        onZero = sid;
      }
    }
    TestServers.servers().kill("mariadb-inflight-1");
    try {
      Thread.sleep(1000); // within a second, creates no longer go to the dead node
      for (int i = 0; i < 20; i++) {
        String sid = Producer.createCall(account);
        assertThat(ownerOf(Slots.of(sid))).isEqualTo("inflight-0");
      }
      Producer.given()
          .get(Producer.calls(account) + "/" + onOne)
          .then()
          .statusCode(503)
          .header("Retry-After", notNullValue())
          .body("message", containsString("in-flight node inflight-1"));
      Producer.move(account, onOne, "{\"status\": \"ringing\"}")
          .statusCode(503)
          .header("Retry-After", notNullValue());
      Producer.given().get(Producer.calls(account)).then().statusCode(503);
      Producer.given().get(Producer.calls(account) + "/" + onZero).then().statusCode(200);
      Producer.move(account, onZero, "{\"status\": \"ringing\"}").statusCode(200);
    } finally {
      TestServers.servers().start("mariadb-inflight-1");
    }
    String back = onOne;
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                Producer.given().get(Producer.calls(account) + "/" + back).then().statusCode(200));
    Producer.move(account, onOne, "{\"status\": \"ringing\"}").statusCode(200);
    Producer.given().get(Producer.calls(account)).then().statusCode(200);
  }

  @Test
  void aSidInASlotNoNodeOwnsIsNotFoundToReadAndRefusedToMove() {
    String account = Producer.newAccount();
    int slot = 5;
    String sid = Slots.mint(io.flightdeck.record.SidKind.CALL, slot);
    String saved =
        control("SELECT since_version, node FROM inflight_control.slot_owner WHERE slot = " + slot);
    control("DELETE FROM inflight_control.slot_owner WHERE slot = " + slot);
    try {
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  Producer.move(account, sid, "{\"status\": \"ringing\"}")
                      .statusCode(400)
                      .body("message", containsString("no in-flight node owns")));
      Producer.given().get(Producer.calls(account) + "/" + sid).then().statusCode(404);
    } finally {
      for (String line : saved.strip().lines().toList()) {
        String[] columns = line.split("\\s+");
        control(
            "INSERT INTO inflight_control.slot_owner (slot, since_version, node) VALUES (%d, %s, '%s')"
                .formatted(slot, columns[0], columns[1]));
      }
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> Producer.move(account, sid, "{\"status\": \"ringing\"}").statusCode(404));
  }

  /** The node owning a slot now, as the control database says. */
  private static String ownerOf(int slot) {
    return control(
            "SELECT node FROM inflight_control.slot_owner WHERE slot = "
                + slot
                + " ORDER BY since_version DESC LIMIT 1")
        .strip();
  }

  private static String control(String sql) {
    return TestServers.servers().mariaDb("control").sql(sql);
  }
}
