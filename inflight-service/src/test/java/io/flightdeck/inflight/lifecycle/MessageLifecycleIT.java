package io.flightdeck.inflight.lifecycle;

import static io.flightdeck.inflight.Producer.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.flightdeck.inflight.Producer;
import io.flightdeck.inflight.WithRealServers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithRealServers
class MessageLifecycleIT {
  private final String account = Producer.newAccount();

  private String messages() {
    return "/internal/v1/Accounts/" + account + "/Messages";
  }

  private ValidatableResponse create(String body) {
    return given().contentType(ContentType.JSON).body(body).post(messages()).then();
  }

  @Test
  void aMessageIsCreatedAcceptedAndMovesThroughDelivery() {
    String sid =
        create("{\"from\": \"+14155550100\", \"to\": \"+14155550101\", \"body\": \"hello\"}")
            .statusCode(201)
            .body("sid", startsWith("SM"))
            .body("status", equalTo("accepted"))
            .body("num_segments", equalTo("1"))
            .body("body", equalTo("hello"))
            .extract()
            .path("sid");
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"status\": \"sent\", \"num_segments\": \"2\", \"date_sent\": \"2026-11-23T10:00:00Z\"}")
        .post(messages() + "/" + sid + "/Transitions")
        .then()
        .statusCode(200)
        .body("status", equalTo("sent"))
        .body("num_segments", equalTo("2"))
        .body("version", equalTo(2));
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"status\": \"undelivered\", \"error_code\": 30003, \"error_message\": \"Unreachable handset\"}")
        .post(messages() + "/" + sid + "/Transitions")
        .then()
        .statusCode(200)
        .body("error_code", equalTo(30003))
        .body("status", equalTo("undelivered"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"status\": \"delivered\"}")
        .post(messages() + "/" + sid + "/Transitions")
        .then()
        .statusCode(409)
        .body("message", containsString("'undelivered' is terminal"));
  }

  @Test
  void callsAndMessagesAreListedApartAndACallSidIsNoMessage() {
    String message =
        create("{\"from\": \"+1\", \"to\": \"+2\"}").statusCode(201).extract().path("sid");
    String call = Producer.createCall(account);
    given()
        .get(messages())
        .then()
        .statusCode(200)
        .body("records", hasSize(1))
        .body("records[0].sid", equalTo(message));
    given()
        .get(Producer.calls(account))
        .then()
        .statusCode(200)
        .body("records", hasSize(1))
        .body("records[0].sid", equalTo(call));
    given()
        .get(messages() + "/" + call)
        .then()
        .statusCode(400)
        .body("message", containsString("message Sid"));
    given().get(Producer.calls(account) + "/" + message).then().statusCode(400);
  }

  @Test
  void badMessageFieldsAreRefusedByName() {
    create("{\"from\": \"+1\"}").statusCode(400).body("message", containsString("to is required"));
    create("{\"from\": \"+1\", \"to\": \"+2\", \"body\": \"" + "x".repeat(1601) + "\"}")
        .statusCode(400)
        .body("message", containsString("body must be at most 1600"));
    create("{\"from\": \"+1\", \"to\": \"+2\", \"num_segments\": \"two\"}")
        .statusCode(400)
        .body("message", containsString("num_segments"));
    String sid = create("{\"from\": \"+1\", \"to\": \"+2\"}").statusCode(201).extract().path("sid");
    given()
        .contentType(ContentType.JSON)
        .body("{\"status\": \"failed\", \"error_code\": 12}")
        .post(messages() + "/" + sid + "/Transitions")
        .then()
        .statusCode(400)
        .body("message", containsString("error_code"));
  }

  @Test
  void theListingFiltersByRecipientSenderAndDateSent() {
    String toAlice =
        create("{\"from\": \"+14155550100\", \"to\": \"+14155550111\"}")
            .statusCode(201)
            .extract()
            .path("sid");
    String fromAlice =
        create("{\"from\": \"+14155550111\", \"to\": \"+14155550100\"}")
            .statusCode(201)
            .extract()
            .path("sid");
    given()
        .contentType(ContentType.JSON)
        .body("{\"status\": \"sent\", \"date_sent\": \"2026-11-23T10:00:00Z\"}")
        .post(messages() + "/" + fromAlice + "/Transitions")
        .then()
        .statusCode(200);

    given()
        .queryParam("To", "+14155550111")
        .get(messages())
        .then()
        .statusCode(200)
        .body("records.sid", contains(toAlice));
    given()
        .queryParam("From", "+14155550111")
        .get(messages())
        .then()
        .statusCode(200)
        .body("records.sid", contains(fromAlice));
    given()
        .queryParam("DateSentFrom", "2026-11-23T00:00:00Z")
        .queryParam("DateSentBefore", "2026-11-24T00:00:00Z")
        .get(messages())
        .then()
        .statusCode(200)
        .body("records.sid", contains(fromAlice));
    given()
        .queryParam("DateSentBefore", "2026-11-23T10:00:00Z")
        .get(messages())
        .then()
        .statusCode(200)
        .body("records", hasSize(0));
    given()
        .queryParam("DateSentFrom", "23/11/2026")
        .get(messages())
        .then()
        .statusCode(400)
        .body("message", containsString("DateSentFrom"));
  }
}
