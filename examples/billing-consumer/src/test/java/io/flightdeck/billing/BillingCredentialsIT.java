package io.flightdeck.billing;

import static io.flightdeck.billing.TestCallers.asOperator;
import static io.flightdeck.billing.TestCallers.asService;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.flightdeck.auth.DevelopmentCredentials;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Who may read the billing consumer: services and operators an account's totals, operators alone
 * the accounting. Every refusal is in the API error body.
 */
@QuarkusTest
@WithRealServers
class BillingCredentialsIT {
  private static final String TOTALS =
      "/billing/v1/Accounts/" + Sid.mint(SidKind.ACCOUNT) + "/Totals";

  /**
   * A day nothing was charged or published on, so the accounting reads no finished records from
   * post-flight.
   */
  private static final String ACCOUNTING = "/admin/v1/Accounting?Day=1999-01-01";

  @Test
  void withoutCredentialsTotalsAndAccountingAreA401WithTheChallengeInTheErrorBody() {
    for (String path : new String[] {TOTALS, ACCOUNTING}) {
      given()
          .get(path)
          .then()
          .statusCode(401)
          .header("WWW-Authenticate", "Bearer realm=\"Flightdeck\"")
          .body("code", equalTo(20003))
          .body("status", equalTo(401))
          .body("message", containsString("Authorization: Bearer"));
      given()
          .auth()
          .oauth2("not-a-token-anyone-has")
          .get(path)
          .then()
          .statusCode(401)
          .header("WWW-Authenticate", "Bearer realm=\"Flightdeck\", error=\"invalid_token\"");
      given().auth().oauth2(DevelopmentCredentials.PRODUCER_TOKEN).get(path).then().statusCode(401);
    }
  }

  @Test
  void aServiceReadsTotalsButNotTheAccounting() {
    asService().get(TOTALS).then().statusCode(200).body("records", equalTo(0));
    asService()
        .get(ACCOUNTING)
        .then()
        .statusCode(403)
        .body("code", equalTo(20403))
        .body("message", containsString("operator"));
  }

  @Test
  void anOperatorReadsBoth() {
    asOperator().get(TOTALS).then().statusCode(200);
    asOperator().get(ACCOUNTING).then().statusCode(200).body("drifting", equalTo(0));
  }

  @Test
  void healthStaysOpen() {
    given().get("/q/health/live").then().statusCode(200);
  }
}
