package io.flightdeck.inflight.lifecycle;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.flightdeck.inflight.Producer;
import io.flightdeck.inflight.WithRealServers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/**
 * Values that a store downstream would refuse or change get a 400 at the door, naming the field and
 * its limit, and change nothing (record-contract's FieldLimits; the whole journey of every boundary
 * value is deploy/stack's FieldLimitsEndToEndIT).
 */
@QuarkusTest
@WithRealServers
class FieldLimitsAtTheDoorIT {

  private final String account = Producer.newAccount();

  @Test
  void aCreateOutOfLimitsIsA400NamingTheFieldAndTheLimitAndCreatesNothing() {
    createCall("\"direction\": \"" + "x".repeat(33) + "\"")
        .statusCode(400)
        .body("code", equalTo(20001))
        .body("message", equalTo("direction must be at most 32 characters, got 33"));
    createCall("\"caller_name\": \"" + "x".repeat(256) + "\"")
        .statusCode(400)
        .body("message", equalTo("caller_name must be at most 255 characters, got 256"));
    createCall("\"phone_number_sid\": \"+14155550100\"")
        .statusCode(400)
        .body("message", containsString("phone_number_sid must be a phone number Sid"));
    createCall("\"forwarded_from\": \"\\ud83d\"")
        .statusCode(400)
        .body("message", containsString("forwarded_from must be valid Unicode text"));
    producer()
        .contentType(ContentType.JSON)
        .body("{\"from\": \"+1\", \"to\": \"" + "1".repeat(256) + "\"}")
        .post(Producer.calls(account))
        .then()
        .statusCode(400)
        .body("message", equalTo("to must be at most 255 characters, got 256"));
    producer()
        .contentType(ContentType.JSON)
        .body("{\"from\": \"+1\", \"to\": \"+2\", \"messaging_service_sid\": \"MGnope\"}")
        .post(messages())
        .then()
        .statusCode(400)
        .body("message", containsString("messaging_service_sid"));
    producer().get(Producer.calls(account)).then().statusCode(200).body("records", hasSize(0));
    producer().get(messages()).then().statusCode(200).body("records", hasSize(0));
  }

  @Test
  void aTransitionOutOfLimitsIsA400NamingTheFieldAndChangesNothing() {
    String call =
        createCall("\"phone_number_sid\": \"PN" + "0".repeat(32) + "\"")
            .statusCode(201)
            .extract()
            .path("sid");
    move(
            Producer.calls(account),
            call,
            "{\"status\": \"in-progress\", \"start_time\": \"+10000-01-01T00:00:00Z\"}")
        .statusCode(400)
        .body(
            "message",
            containsString(
                "start_time must be between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z"));
    move(
            Producer.calls(account),
            call,
            "{\"status\": \"in-progress\", \"at\": \"1969-12-31T23:59:59Z\"}")
        .statusCode(400)
        .body("message", containsString("at must be between"));
    move(
            Producer.calls(account),
            call,
            "{\"status\": \"completed\", \"end_time\": \"2026-03-09T10:00:00.123456789Z\"}")
        .statusCode(400)
        .body("message", containsString("end_time must be given to the microsecond at most"));
    move(Producer.calls(account), call, "{\"status\": \"completed\", \"duration\": \"1000000000\"}")
        .statusCode(400)
        .body("message", containsString("duration must be a whole number of 1 to 9 digits"));
    move(
            Producer.calls(account),
            call,
            "{\"status\": \"completed\", \"price\": \"-0.00000000000001\"}")
        .statusCode(400)
        .body("message", containsString("price must be a decimal number of at most 16 characters"));
    move(Producer.calls(account), call, "{\"status\": \"completed\", \"price_unit\": \"usd\"}")
        .statusCode(400)
        .body(
            "message",
            containsString(
                "price_unit must be an ISO 4217 currency code of three upper-case letters"));
    move(
            Producer.calls(account),
            call,
            "{\"status\": \"completed\", \"answered_by\": \"" + "x".repeat(33) + "\"}")
        .statusCode(400)
        .body("message", equalTo("answered_by must be at most 32 characters, got 33"));
    // A value that is no instant at all (found by GeneratedRequestsIT): a 400 in the error body
    // too.
    move(Producer.calls(account), call, "{\"at\": \"+14155550100\"}")
        .statusCode(400)
        .body("status", equalTo(400))
        .body("message", containsString("at"));
    move(Producer.calls(account), call, "{\"status\": \"in-progress\", \"at\": \"+14155550100\"}")
        .statusCode(400)
        .body("status", equalTo(400))
        .body("message", containsString("at"));
    producer()
        .get(Producer.calls(account) + "/" + call)
        .then()
        .statusCode(200)
        .body("status", equalTo("queued"))
        .body("version", equalTo(1));

    String message =
        producer()
            .contentType(ContentType.JSON)
            .body("{\"from\": \"+1\", \"to\": \"+2\"}")
            .post(messages())
            .then()
            .statusCode(201)
            .extract()
            .path("sid");
    move(
            messages(),
            message,
            "{\"status\": \"failed\", \"error_code\": 30003, \"error_message\": \""
                + "x".repeat(1025)
                + "\"}")
        .statusCode(400)
        .body("message", equalTo("error_message must be at most 255 characters, got 1025"));
    move(messages(), message, "{\"status\": \"sent\", \"num_segments\": \"100000000\"}")
        .statusCode(400)
        .body("message", containsString("num_segments must be a whole number of 1 to 8 digits"));
    move(messages(), message, "{\"status\": \"sent\", \"date_sent\": \"-0001-01-01T00:00:00Z\"}")
        .statusCode(400)
        .body("message", containsString("date_sent must be between"));
    producer()
        .get(messages() + "/" + message)
        .then()
        .statusCode(200)
        .body("status", equalTo("accepted"))
        .body("version", equalTo(1))
        .body("error_message", equalTo(null));
  }

  private String messages() {
    return "/internal/v1/Accounts/" + account + "/Messages";
  }

  private ValidatableResponse createCall(String field) {
    return producer()
        .contentType(ContentType.JSON)
        .body("{\"from\": \"+14155550100\", \"to\": \"+14155550101\", " + field + "}")
        .post(Producer.calls(account))
        .then();
  }

  private static ValidatableResponse move(String resource, String sid, String body) {
    return producer()
        .contentType(ContentType.JSON)
        .body(body)
        .post(resource + "/" + sid + "/Transitions")
        .then();
  }

  private static RequestSpecification producer() {
    return Producer.given();
  }
}
