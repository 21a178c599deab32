package io.flightdeck.aggregator.accounts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.flightdeck.aggregator.TestAccounts;
import io.flightdeck.aggregator.TestAccounts.Account;
import io.flightdeck.aggregator.WithControlStore;
import io.flightdeck.auth.DevelopmentCredentials;
import io.flightdeck.servers.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The aggregator's admin API answers operators' bearer tokens only: nobody else creates an account,
 * rotates a token or reads the shadow mismatches, and the refusal is in the API error body.
 */
@QuarkusTest
@WithControlStore
class AdminCredentialsIT {

  private static RequestSpecification as(String token) {
    return given().auth().oauth2(token);
  }

  private static List<Supplier<RequestSpecification>> strangers(Account account) {
    return List.of(
        () -> given(),
        () -> as("not-a-token-anyone-has"),
        () -> as(DevelopmentCredentials.PRODUCER_TOKEN),
        () -> as(DevelopmentCredentials.SERVICE_TOKEN),
        () -> as(DevelopmentCredentials.OPERATOR_TOKEN_HASH),
        () -> given().auth().preemptive().basic(account.sid(), account.token()));
  }

  private static long accounts() {
    return Long.parseLong(
        TestServers.servers()
            .mariaDb("control")
            .sql("SELECT COUNT(*) FROM accounts.account")
            .strip());
  }

  @Test
  void withoutCredentialsEveryAdminEndpointIsA401WithTheBearerChallengeInTheErrorBody() {
    Account account = TestAccounts.create();
    given()
        .post("/admin/v1/Accounts")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", "Bearer realm=\"Flightdeck\"")
        .body("code", equalTo(20003))
        .body("status", equalTo(401))
        .body("message", containsString("operator"));
    given()
        .post("/admin/v1/Accounts/" + account.sid() + "/AuthToken")
        .then()
        .statusCode(401)
        .body("code", equalTo(20003));
    given().get("/admin/v1/ShadowMismatches").then().statusCode(401).body("code", equalTo(20003));
    given()
        .delete("/admin/v1/ShadowMismatches")
        .then()
        .statusCode(401)
        .body("code", equalTo(20003));
  }

  @Test
  void noAccountIsCreatedOrRotatedWithoutTheOperatorsToken() {
    Account account = TestAccounts.create();
    long before = accounts();
    for (Supplier<RequestSpecification> stranger : strangers(account)) {
      stranger.get().post("/admin/v1/Accounts").then().statusCode(401).body("code", equalTo(20003));
      stranger
          .get()
          .post("/admin/v1/Accounts/" + account.sid() + "/AuthToken")
          .then()
          .statusCode(401);
      stranger.get().delete("/admin/v1/ShadowMismatches").then().statusCode(401);
    }
    assertThat(accounts()).isEqualTo(before);
    account
        .given()
        .get(account.path() + "/Calls.json")
        .then()
        .statusCode(503); // its token still works: no rotation happened
  }

  @Test
  void aWrongTokenIsA401ThatSaysTheTokenIsInvalid() {
    as("flightdeck-local-admin-token-but-not-quite")
        .get("/admin/v1/ShadowMismatches")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", "Bearer realm=\"Flightdeck\", error=\"invalid_token\"");
  }

  @Test
  void theOperatorsTokenOpensTheAdminApiButNotThePublicOne() {
    as(DevelopmentCredentials.OPERATOR_TOKEN)
        .get("/admin/v1/ShadowMismatches")
        .then()
        .statusCode(200);
    Account account = TestAccounts.create();
    as(DevelopmentCredentials.OPERATOR_TOKEN)
        .get(account.path() + "/Calls.json")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", "Basic realm=\"Twilio API\"");
  }

  @Test
  void healthStaysOpen() {
    given().get("/q/health/live").then().statusCode(200);
  }
}
