package io.flightdeck.inflight.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.flightdeck.inflight.Confirmations;
import io.flightdeck.inflight.Producer;
import io.flightdeck.inflight.WithRealServers;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A producer may bring its own Sid; a Sid names one record, once, whatever account asks. */
@QuarkusTest
@WithRealServers
class ProducerSidsIT {

  private final String account = Producer.newAccount();
  private final String other = Producer.newAccount();

  @Test
  void aSidLiveInTheSameAccountIsA409NamingItAndMakesNoSecondRecord() {
    String sid = Sid.mint(SidKind.CALL).value();
    createCall(account, sid, null).statusCode(201).body("sid", equalTo(sid));
    createCall(account, sid, null)
        .statusCode(409)
        .body("code", equalTo(20409))
        .body("message", containsString(sid));
    createCall(account, sid, "another-key").statusCode(409).body("message", containsString(sid));
    producer().get(Producer.calls(account)).then().statusCode(200).body("records", hasSize(1));
  }

  @Test
  void aSidLiveInAnotherAccountIsA409AndStaysItsOwnersAlone() {
    String sid = Sid.mint(SidKind.CALL).value();
    createCall(account, sid, null).statusCode(201);
    createCall(other, sid, null).statusCode(409).body("message", containsString(sid));
    producer().get(Producer.calls(other) + "/" + sid).then().statusCode(404);
    producer().get(Producer.calls(other)).then().statusCode(200).body("records", hasSize(0));
    producer()
        .get(Producer.calls(account) + "/" + sid)
        .then()
        .statusCode(200)
        .body("account_sid", equalTo(account))
        .body("version", equalTo(1));
  }

  @Test
  void aSidOfAFinishedRecordIsA409InEveryAccountAfterItLeftInflight() {
    String sid = Sid.mint(SidKind.CALL).value();
    createCall(account, sid, "first").statusCode(201);
    Producer.move(account, sid, "{\"status\": \"busy\"}")
        .statusCode(200)
        .body("version", equalTo(2));
    Confirmations.persisted(account, account, sid, 2);
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> producer().get(Producer.calls(account) + "/" + sid).then().statusCode(404));

    createCall(account, sid, null).statusCode(409).body("message", containsString(sid));
    createCall(other, sid, null).statusCode(409).body("message", containsString(sid));
    String message = "SM" + sid.substring(2);
    createMessage(account, message).statusCode(201).body("sid", equalTo(message));
    createMessage(other, message).statusCode(409).body("message", containsString(message));
    // The producer's own retry of the first create still answers as before: the record finished.
    createCall(account, sid, "first")
        .statusCode(409)
        .body("message", containsString("has finished since"));
  }

  @Test
  void anIdempotentRetryWithTheProducersSidAnswersTheOriginalRecord() {
    String sid = Sid.mint(SidKind.CALL).value();
    createCall(account, sid, "k-1").statusCode(201).body("sid", equalTo(sid));
    createCall(account, sid, "k-1")
        .statusCode(200)
        .body("sid", equalTo(sid))
        .body("version", equalTo(1));
    createCall(other, sid, "k-1").statusCode(409).body("message", containsString(sid));
    producer().get(Producer.calls(account)).then().statusCode(200).body("records", hasSize(1));
  }

  @Test
  void racingCreatesOfOneSidMakeOneRecord() {
    String sid = Sid.mint(SidKind.CALL).value();
    List<CompletableFuture<Integer>> racers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String creator = i % 2 == 0 ? account : other;
      String key = "racer-" + i;
      racers.add(
          CompletableFuture.supplyAsync(
              () -> createCall(creator, sid, key).extract().statusCode()));
    }
    List<Integer> codes = racers.stream().map(CompletableFuture::join).toList();
    assertThat(codes).containsOnly(201, 409).containsOnlyOnce(201);
    int listed =
        producer().get(Producer.calls(account)).then().extract().<List<?>>path("records").size()
            + producer()
                .get(Producer.calls(other))
                .then()
                .extract()
                .<List<?>>path("records")
                .size();
    assertThat(listed).isEqualTo(1);
  }

  @Test
  void upperCaseHexIsRefusedWhereverASidIsGiven() {
    String sid = Sid.mint(SidKind.CALL).value();
    String shouted = "CA" + "ABCDEF0123456789".repeat(2);
    createCall(account, shouted, null)
        .statusCode(400)
        .body("code", equalTo(20001))
        .body(
            "message",
            containsString("sid must be a call Sid (CA followed by 32 lower-case hex digits)"));
    createCall(account, sid, null).statusCode(201);
    producer()
        .get(Producer.calls(account) + "/" + "CA" + sid.substring(2).toUpperCase())
        .then()
        .statusCode(400)
        .body("message", containsString("Sid must be a call Sid"));
    producer()
        .contentType(ContentType.JSON)
        .body("{\"status\": \"ringing\"}")
        .post(
            Producer.calls("AC" + account.substring(2).toUpperCase()) + "/" + sid + "/Transitions")
        .then()
        .statusCode(400)
        .body("message", containsString("AccountSid"));
    producer()
        .contentType(ContentType.JSON)
        .body("{\"from\": \"+1\", \"to\": \"+2\", \"parent_call_sid\": \"" + shouted + "\"}")
        .post(Producer.calls(account))
        .then()
        .statusCode(400)
        .body("message", containsString("parent_call_sid"));
    producer().get(Producer.calls(account)).then().statusCode(200).body("records", hasSize(1));
  }

  private static RequestSpecification producer() {
    return Producer.given();
  }

  private static ValidatableResponse createCall(String account, String sid, String idempotencyKey) {
    RequestSpecification request = producer().contentType(ContentType.JSON);
    if (idempotencyKey != null) {
      request = request.header("Idempotency-Key", idempotencyKey);
    }
    return request
        .body("{\"sid\": \"" + sid + "\", \"from\": \"+14155550100\", \"to\": \"+14155550101\"}")
        .post(Producer.calls(account))
        .then();
  }

  private static ValidatableResponse createMessage(String account, String sid) {
    return producer()
        .contentType(ContentType.JSON)
        .body(
            "{\"sid\": \""
                + sid
                + "\", \"from\": \"+14155550100\", \"to\": \"+14155550101\", \"body\": \"hi\"}")
        .post("/internal/v1/Accounts/" + account + "/Messages")
        .then();
  }
}
