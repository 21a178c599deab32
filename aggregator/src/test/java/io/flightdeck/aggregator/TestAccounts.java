package io.flightdeck.aggregator;

import static io.restassured.RestAssured.given;

import io.flightdeck.auth.DevelopmentCredentials;
import io.restassured.specification.RequestSpecification;

/**
 * Accounts made through the admin API, as an operator would, for tests of the running aggregator.
 */
public final class TestAccounts {
  /**
   * The operators' development token, whose hash {@code
   * %test.flightdeck.auth.operator-token-hashes} lists.
   */
  public static final String OPERATOR_TOKEN = DevelopmentCredentials.OPERATOR_TOKEN;

  private TestAccounts() {}

  public static Account create() {
    var created =
        given()
            .header("Authorization", "Bearer " + OPERATOR_TOKEN)
            .post("/admin/v1/Accounts")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    return new Account(created.getString("account_sid"), created.getString("auth_token"));
  }

  /** An account's credentials as the admin API showed them. */
  public record Account(String sid, String token) {
    /** A request with this account's HTTP Basic credentials. */
    public RequestSpecification given() {
      return io.restassured.RestAssured.given().auth().preemptive().basic(sid, token);
    }

    public String path() {
      return "/2010-04-01/Accounts/" + sid;
    }
  }
}
