package io.flightdeck.inflight.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.flightdeck.auth.DevelopmentCredentials;
import io.flightdeck.inflight.Producer;
import io.flightdeck.inflight.WithRealServers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Who may call the producers' API: producers write and read, services only read, and a request
 * without a producer's token changes nothing. Every refusal is in the API error body.
 */
@QuarkusTest
@WithRealServers
class InternalApiCredentialsIT {
  private static final String NEW_CALL = "{\"from\": \"+14155550100\", \"to\": \"+14155550101\"}";
  private static final String NEW_MESSAGE =
      "{\"from\": \"+14155550100\", \"to\": \"+14155550101\", \"body\": \"hi\"}";

  private final String account = Producer.newAccount();

  private static RequestSpecification as(String token) {
    return given().auth().oauth2(token);
  }

  private String messages() {
    return "/internal/v1/Accounts/" + account + "/Messages";
  }

  @Test
  void withoutCredentialsEveryEndpointIsA401WithTheChallengeInTheErrorBody() {
    String call = Producer.createCall(account);
    for (String path :
        List.of(Producer.calls(account), Producer.calls(account) + "/" + call, messages())) {
      given()
          .get(path)
          .then()
          .statusCode(401)
          .header("WWW-Authenticate", "Bearer realm=\"Flightdeck\"")
          .body("code", equalTo(20003))
          .body("status", equalTo(401))
          .body("more_info", equalTo("https://www.twilio.com/docs/errors/20003"))
          .body("message", containsString("Authorization: Bearer"));
    }
  }

  @Test
  void noWriteIsAcceptedWithoutAProducersToken() {
    String call = Producer.createCall(account);
    List<Supplier<RequestSpecification>> strangers =
        List.of(
            () -> given(),
            () -> as("not-a-token-anyone-has"),
            () -> given().auth().preemptive().basic(account, DevelopmentCredentials.PRODUCER_TOKEN),
            () -> given().header("Authorization", "Bearer "),
            () -> as(Producer.newAccount()));
    for (Supplier<RequestSpecification> stranger : strangers) {
      stranger
          .get()
          .contentType(ContentType.JSON)
          .body(NEW_CALL)
          .post(Producer.calls(account))
          .then()
          .statusCode(401);
      stranger
          .get()
          .contentType(ContentType.JSON)
          .body(NEW_MESSAGE)
          .post(messages())
          .then()
          .statusCode(401);
      stranger
          .get()
          .contentType(ContentType.JSON)
          .body("{\"status\": \"ringing\"}")
          .post(Producer.calls(account) + "/" + call + "/Transitions")
          .then()
          .statusCode(401)
          .body("code", equalTo(20003));
    }
    Producer.given()
        .get(Producer.calls(account))
        .then()
        .statusCode(200)
        .body("records.size()", equalTo(1))
        .body("records[0].status", equalTo("queued"))
        .body("records[0].version", equalTo(1));
    Producer.given().get(messages()).then().statusCode(200).body("records.size()", equalTo(0));
  }

  @Test
  void aWrongTokenIsA401ThatSaysTheTokenIsInvalid() {
    as("flightdeck-local-producer-token-but-not-quite")
        .get(Producer.calls(account))
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", "Bearer realm=\"Flightdeck\", error=\"invalid_token\"")
        .body("code", equalTo(20003))
        .body("message", containsString("not one this service accepts"));
    as(DevelopmentCredentials.PRODUCER_TOKEN_HASH)
        .get(Producer.calls(account))
        .then()
        .statusCode(401);
  }

  @Test
  void credentialsAreCheckedBeforeTheBodyIsRead() {
    given()
        .contentType(ContentType.JSON)
        .body("{not json")
        .post(Producer.calls(account))
        .then()
        .statusCode(401);
    given()
        .contentType(ContentType.JSON)
        .body(NEW_CALL)
        .post("/internal/v1/Accounts/ACnot-a-sid/Calls")
        .then()
        .statusCode(401);
  }

  @Test
  void aServiceReadsButCannotCreateOrMoveRecords() {
    String call = Producer.createCall(account);
    as(DevelopmentCredentials.SERVICE_TOKEN)
        .get(Producer.calls(account))
        .then()
        .statusCode(200)
        .body("records[0].sid", equalTo(call));
    as(DevelopmentCredentials.SERVICE_TOKEN)
        .get(Producer.calls(account) + "/" + call)
        .then()
        .statusCode(200);
    as(DevelopmentCredentials.SERVICE_TOKEN)
        .contentType(ContentType.JSON)
        .body(NEW_CALL)
        .post(Producer.calls(account))
        .then()
        .statusCode(403)
        .header(
            "WWW-Authenticate",
            startsWith("Bearer realm=\"Flightdeck\", error=\"insufficient_scope\""))
        .body("code", equalTo(20403))
        .body("status", equalTo(403))
        .body("message", containsString("producer"));
    as(DevelopmentCredentials.SERVICE_TOKEN)
        .contentType(ContentType.JSON)
        .body("{\"status\": \"ringing\"}")
        .post(Producer.calls(account) + "/" + call + "/Transitions")
        .then()
        .statusCode(403);
    Producer.given()
        .get(Producer.calls(account))
        .then()
        .body("records.size()", equalTo(1))
        .body("records[0].status", equalTo("queued"));
  }

  @Test
  void anOperatorsTokenIsNotAProducersOne() {
    as(DevelopmentCredentials.OPERATOR_TOKEN)
        .contentType(ContentType.JSON)
        .body(NEW_CALL)
        .post(Producer.calls(account))
        .then()
        .statusCode(401)
        .body("code", equalTo(20003));
  }

  @Test
  void healthAndTheOperationsEndpointsStayOpenOnLoopback() {
    given().get("/q/health/live").then().statusCode(200);
    given().get("/q/metrics").then().statusCode(200);
    given().get("/q/openapi").then().statusCode(200);
  }
}
