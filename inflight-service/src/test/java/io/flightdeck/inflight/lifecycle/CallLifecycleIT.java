package io.flightdeck.inflight.lifecycle;

import static io.flightdeck.inflight.Producer.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.flightdeck.inflight.Producer;
import io.flightdeck.inflight.WithRealServers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithRealServers
class CallLifecycleIT {
  private final String account = Producer.newAccount();

  /** The call's {@code date_created}, as a client reads it to ask for the page after it. */
  private String dateCreatedOf(String sid) {
    return given().get(Producer.calls(account) + "/" + sid).then().extract().path("date_created");
  }

  @Test
  void aCreatedCallIsReadableWithItsFirstVersion() {
    String sid = Producer.createCall(account);
    given()
        .get(Producer.calls(account) + "/" + sid)
        .then()
        .statusCode(200)
        .body("sid", equalTo(sid))
        .body("account_sid", equalTo(account))
        .body("status", equalTo("queued"))
        .body("version", equalTo(1))
        .body("date_created", notNullValue());
  }

  @Test
  void aRetriedCreateWithTheSameIdempotencyKeyReturnsTheSameCall() {
    String body = "{\"from\": \"+14155550100\", \"to\": \"+14155550101\"}";
    String first =
        Producer.createWithKey(account, "k-1", body).statusCode(201).extract().path("sid");
    Producer.createWithKey(account, "k-1", body).statusCode(200).body("sid", equalTo(first));
    given().get(Producer.calls(account) + "?PageSize=10").then().body("records", hasSize(1));
  }

  @Test
  void concurrentCreatesWithOneIdempotencyKeyMakeOneCall() {
    String body = "{\"from\": \"+14155550100\", \"to\": \"+14155550101\"}";
    List<CompletableFuture<String>> racers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      racers.add(
          CompletableFuture.supplyAsync(
              () ->
                  Producer.createWithKey(account, "race", body)
                      .statusCode(org.hamcrest.Matchers.oneOf(200, 201))
                      .extract()
                      .path("sid")));
    }
    assertThat(racers.stream().map(CompletableFuture::join).distinct()).hasSize(1);
    given().get(Producer.calls(account)).then().body("records", hasSize(1));
  }

  @Test
  void legalMovesAdvanceTheVersionAndARepeatIsANoOp() {
    String sid = Producer.createCall(account);
    Producer.move(account, sid, "{\"status\": \"ringing\"}")
        .statusCode(200)
        .body("version", equalTo(2));
    Producer.move(account, sid, "{\"status\": \"ringing\"}")
        .statusCode(200)
        .body("version", equalTo(2));
    Producer.move(
            account,
            sid,
            "{\"status\": \"completed\", \"duration\": \"61\", \"answered_by\": \"human\"}")
        .statusCode(200)
        .body("status", equalTo("completed"))
        .body("duration", equalTo("61"))
        .body("answered_by", equalTo("human"))
        .body("version", equalTo(3));
  }

  @Test
  void aRegressionIsRefusedWithTheAllowedMovesAndChangesNothing() {
    String sid = Producer.createCall(account);
    Producer.move(account, sid, "{\"status\": \"in-progress\"}").statusCode(200);
    Producer.move(account, sid, "{\"status\": \"ringing\"}")
        .statusCode(409)
        .body("code", equalTo(20409))
        .body("status", equalTo(409))
        .body("message", containsString("cannot move from 'in-progress' to 'ringing'"))
        .body("message", containsString("completed, failed"));
    given()
        .get(Producer.calls(account) + "/" + sid)
        .then()
        .body("status", equalTo("in-progress"))
        .body("version", equalTo(2));
  }

  @Test
  void concurrentTransitionsOnOneCallLoseNoUpdate() {
    String sid = Producer.createCall(account);
    List<CompletableFuture<Integer>> racers = new ArrayList<>();
    List<String> statuses = List.of("initiated", "ringing", "in-progress");
    IntStream.range(0, 12)
        .forEach(
            i ->
                racers.add(
                    CompletableFuture.supplyAsync(
                        () ->
                            Producer.move(
                                    account, sid, "{\"status\": \"" + statuses.get(i % 3) + "\"}")
                                .extract()
                                .statusCode())));
    racers.forEach(CompletableFuture::join);
    // Whatever order they ran in, the record ends in-progress, and its version counts exactly the
    // moves that were applied: create (1) plus at most one per distinct status reached.
    int version =
        given()
            .get(Producer.calls(account) + "/" + sid)
            .then()
            .statusCode(200)
            .body("status", equalTo("in-progress"))
            .extract()
            .path("version");
    assertThat(version).isBetween(2, 4);
    assertThat(racers).allSatisfy(r -> assertThat(r.join()).isIn(200, 409));
  }

  @Test
  void badInputIsA400NamingTheFieldAndUnknownCallsAre404() {
    Producer.create("ACnot-a-sid", "{\"from\": \"+1\", \"to\": \"+2\"}")
        .statusCode(400)
        .body("code", equalTo(20001))
        .body("message", containsString("AccountSid"));
    Producer.create(account, "{\"from\": \"+14155550100\"}")
        .statusCode(400)
        .body("message", containsString("to is required"));
    Producer.create(account, "{\"from\": \"+1\", \"to\": \"+2\", \"status\": \"flying\"}")
        .statusCode(400)
        .body("message", containsString("unknown status 'flying'"));
    Producer.create(account, "{not json").statusCode(400).body("code", equalTo(70002));
    String sid = Producer.createCall(account);
    Producer.move(account, sid, "{\"at\": \"2026-01-01T00:00:00Z\"}")
        .statusCode(400)
        .body("message", containsString("status is required"));
    given()
        .contentType(ContentType.TEXT)
        .body("status=ringing")
        .post(Producer.calls(account) + "/" + sid + "/Transitions")
        .then()
        .statusCode(415)
        .body("status", equalTo(415));
    String unknown = "CA" + "0".repeat(32);
    given()
        .get(Producer.calls(account) + "/" + unknown)
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));
    Producer.move(account, unknown, "{\"status\": \"ringing\"}").statusCode(404);
  }

  @Test
  void anotherAccountsCallIsNotFound() {
    String sid = Producer.createCall(account);
    String other = Producer.newAccount();
    given().get(Producer.calls(other) + "/" + sid).then().statusCode(404);
    Producer.move(other, sid, "{\"status\": \"ringing\"}").statusCode(404);
  }

  @Test
  void theAccountListingIsNewestFirstAndContinuesAfterAPosition() {
    List<String> sids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      sids.add(Producer.createCall(account));
    }
    List<String> newestFirst = new ArrayList<>(sids);
    Collections.reverse(newestFirst);
    List<String> firstPage =
        given()
            .get(Producer.calls(account) + "?PageSize=3")
            .then()
            .statusCode(200)
            .extract()
            .path("records.sid");
    assertThat(firstPage).containsExactlyElementsOf(newestFirst.subList(0, 3));
    String lastDate = dateCreatedOf(firstPage.get(2));
    List<String> rest =
        given()
            .queryParam("PageSize", 3)
            .queryParam("AfterDateCreated", lastDate)
            .queryParam("AfterSid", firstPage.get(2))
            .get(Producer.calls(account))
            .then()
            .statusCode(200)
            .extract()
            .path("records.sid");
    assertThat(rest).containsExactlyElementsOf(newestFirst.subList(3, 5));
  }

  @Test
  void theListingFiltersByEveryCallFilterAcrossManyLiveCalls() {
    String special = "+14155550199";
    List<String> toSpecial = new ArrayList<>();
    String parent = Producer.createCall(account);
    for (int i = 0; i < 230; i++) {
      if (i == 0 || i == 120 || i == 229) {
        toSpecial.add(
            Producer.create(
                    account,
                    "{\"from\": \"+14155550100\", \"to\": \""
                        + special
                        + "\", \"parent_call_sid\": \""
                        + parent
                        + "\"}")
                .statusCode(201)
                .extract()
                .path("sid"));
      } else {
        Producer.createCall(account);
      }
    }
    Collections.reverse(toSpecial);
    String started = toSpecial.get(1);
    Producer.move(
            account,
            started,
            "{\"status\": \"in-progress\", \"start_time\": \"2026-03-09T10:00:00Z\"}")
        .statusCode(200);

    List<String> firstPage =
        given()
            .queryParam("To", special)
            .queryParam("PageSize", 2)
            .get(Producer.calls(account))
            .then()
            .statusCode(200)
            .extract()
            .path("records.sid");
    assertThat(firstPage)
        .as("the two newest of three calls among 231, found past the first batch")
        .containsExactlyElementsOf(toSpecial.subList(0, 2));
    String lastDate = dateCreatedOf(firstPage.get(1));
    List<String> rest =
        given()
            .queryParam("To", special)
            .queryParam("PageSize", 2)
            .queryParam("AfterDateCreated", lastDate)
            .queryParam("AfterSid", firstPage.get(1))
            .get(Producer.calls(account))
            .then()
            .statusCode(200)
            .extract()
            .path("records.sid");
    assertThat(rest).containsExactly(toSpecial.get(2));

    assertThat(listed(Map.of("ParentCallSid", parent))).containsExactlyElementsOf(toSpecial);
    assertThat(listed(Map.of("Status", "in-progress"))).containsExactly(started);
    assertThat(
            listed(
                Map.of(
                    "StartTimeFrom",
                    "2026-03-09T00:00:00Z",
                    "StartTimeBefore",
                    "2026-03-10T00:00:00Z")))
        .containsExactly(started);
    assertThat(listed(Map.of("StartTimeFrom", "2026-03-09T10:00:00.000001Z"))).isEmpty();
    assertThat(listed(Map.of("To", special, "From", "+14155550000"))).isEmpty();
    assertThat(listed(Map.of("EndTimeBefore", "2030-01-01T00:00:00Z")))
        .as("no live call has ended")
        .isEmpty();
  }

  @Test
  void malformedFiltersAreA400NamingTheParameter() {
    given()
        .queryParam("Status", "done")
        .get(Producer.calls(account))
        .then()
        .statusCode(400)
        .body("message", containsString("done"));
    given()
        .queryParam("StartTimeFrom", "yesterday")
        .get(Producer.calls(account))
        .then()
        .statusCode(400)
        .body("message", containsString("StartTimeFrom"));
  }

  private List<String> listed(Map<String, String> filters) {
    return given()
        .queryParams(filters)
        .queryParam("PageSize", 1000)
        .get(Producer.calls(account))
        .then()
        .statusCode(200)
        .extract()
        .path("records.sid");
  }
}
