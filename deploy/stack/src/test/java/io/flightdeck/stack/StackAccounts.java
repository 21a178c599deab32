package io.flightdeck.stack;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The first steps on a running stack, through its APIs as an operator and a telephony engine take
 * them: a new account, and a queued call on it. Each step asserts that it was accepted.
 */
final class StackAccounts {

  private StackAccounts() {}

  /** A new account through the admin API, as an operator makes one: its Sid and auth token. */
  static String[] newAccount(LocalStack stack) {
    JsonPath created =
        given()
            .header("Authorization", "Bearer " + LocalStack.DEV_ADMIN_TOKEN)
            .post(stack.url(LocalStack.AGGREGATOR) + "/admin/v1/Accounts")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    return new String[] {created.getString("account_sid"), created.getString("auth_token")};
  }

  /** A queued call a producer creates for the account at inflight-service: its Sid. */
  static String newCall(LocalStack stack, String account) {
    return given()
        .auth()
        .oauth2(LocalStack.DEV_PRODUCER_TOKEN)
        .contentType(ContentType.JSON)
        .body("{\"from\": \"+14155550100\", \"to\": \"+14155550101\"}")
        .post(stack.url(LocalStack.INFLIGHT) + "/internal/v1/Accounts/" + account + "/Calls")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getString("sid");
  }
}
