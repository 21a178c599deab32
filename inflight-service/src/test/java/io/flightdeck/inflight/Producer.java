package io.flightdeck.inflight;

import io.flightdeck.auth.DevelopmentCredentials;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * A telephony engine, as tests play it: what a producer does over the internal API, with the
 * producers' development token (which {@code %test} accepts).
 */
public final class Producer {
  private Producer() {}

  /** A request as a producer sends it: {@code Authorization: Bearer <producer token>}. */
  public static RequestSpecification given() {
    return RestAssured.given().auth().oauth2(DevelopmentCredentials.PRODUCER_TOKEN);
  }

  public static String newAccount() {
    return Sid.mint(SidKind.ACCOUNT).value();
  }

  public static String calls(String account) {
    return "/internal/v1/Accounts/" + account + "/Calls";
  }

  public static ValidatableResponse create(String account, String body) {
    return given().contentType(ContentType.JSON).body(body).post(calls(account)).then();
  }

  /** A create sent with the caller's own W3C trace context ({@code traceparent} header). */
  public static ValidatableResponse createTraced(String account, String traceparent, String body) {
    return createWithHeader(account, "traceparent", traceparent, body);
  }

  /** A create sent with an {@code Idempotency-Key}, which a retry of it carries again. */
  public static ValidatableResponse createWithKey(
      String account, String idempotencyKey, String body) {
    return createWithHeader(account, "Idempotency-Key", idempotencyKey, body);
  }

  private static ValidatableResponse createWithHeader(
      String account, String header, String value, String body) {
    return given()
        .header(header, value)
        .contentType(ContentType.JSON)
        .body(body)
        .post(calls(account))
        .then();
  }

  public static String createCall(String account) {
    return create(account, "{\"from\": \"+14155550100\", \"to\": \"+14155550101\"}")
        .statusCode(201)
        .extract()
        .path("sid");
  }

  public static ValidatableResponse move(String account, String sid, String body) {
    return given()
        .contentType(ContentType.JSON)
        .body(body)
        .post(calls(account) + "/" + sid + "/Transitions")
        .then();
  }

  public static void complete(String account, String sid) {
    move(account, sid, "{\"status\": \"ringing\"}").statusCode(200);
    move(account, sid, "{\"status\": \"in-progress\"}").statusCode(200);
    move(account, sid, "{\"status\": \"completed\", \"duration\": \"42\"}").statusCode(200);
  }
}
