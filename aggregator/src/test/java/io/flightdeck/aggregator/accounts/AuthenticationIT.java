package io.flightdeck.aggregator.accounts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.flightdeck.aggregator.TestAccounts;
import io.flightdeck.aggregator.TestAccounts.Account;
import io.flightdeck.aggregator.WithControlStore;
import io.flightdeck.auth.Tokens;
import io.flightdeck.servers.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Twilio's HTTP Basic scheme over accounts made by the admin API. The stores' services are not
 * running here, so a request that passes authentication ends in a 503 from the store read, while
 * one refused by authentication or isolation never reaches a store.
 */
@QuarkusTest
@WithControlStore
class AuthenticationIT {
  private static final String CALL = "/Calls/CA" + "1".repeat(32) + ".json";

  @Test
  void theAdminApiCreatesAnAccountAndShowsItsTokenOnce() {
    given()
        .header("Authorization", "Bearer " + TestAccounts.OPERATOR_TOKEN)
        .post("/admin/v1/Accounts")
        .then()
        .statusCode(201)
        .header("Cache-Control", "no-store")
        .body("account_sid", matchesPattern("AC[0-9a-f]{32}"))
        .body("auth_token", matchesPattern("[0-9a-f]{64}"));
  }

  @Test
  void theAdminApiWantsTheOperatorToken() {
    given().post("/admin/v1/Accounts").then().statusCode(401).body("code", equalTo(20003));
    given()
        .header("Authorization", "Bearer wrong")
        .post("/admin/v1/Accounts")
        .then()
        .statusCode(401)
        .body("code", equalTo(20003));
    Account account = TestAccounts.create();
    given()
        .auth()
        .preemptive()
        .basic(account.sid(), account.token())
        .post("/admin/v1/Accounts")
        .then()
        .statusCode(401);
  }

  @Test
  void rightCredentialsPassAndReachTheStores() {
    Account account = TestAccounts.create();
    account.given().get(account.path() + "/Calls.json").then().statusCode(503);
    account.given().get(account.path() + "/Messages.json").then().statusCode(503);
  }

  @Test
  void missingOrWrongCredentialsAreA401WithTwiliosChallenge() {
    Account account = TestAccounts.create();
    String list = account.path() + "/Calls.json";
    given()
        .get(list)
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", "Basic realm=\"Twilio API\"")
        .body("code", equalTo(20003))
        .body("status", equalTo(401))
        .body("more_info", equalTo("https://www.twilio.com/docs/errors/20003"));
    given()
        .auth()
        .preemptive()
        .basic(account.sid(), "0".repeat(64))
        .get(list)
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", "Basic realm=\"Twilio API\"")
        .body("message", equalTo("Authenticate"));
    given()
        .auth()
        .preemptive()
        .basic("AC" + "9".repeat(32), account.token())
        .get(list)
        .then()
        .statusCode(401);
    given().header("Authorization", "Basic !!!not-base64").get(list).then().statusCode(401);
    given().header("Authorization", "Bearer " + account.token()).get(list).then().statusCode(401);
  }

  @Test
  void anotherAccountsPathIsNotFoundExactlyLikeAMissingRecord() {
    Account mine = TestAccounts.create();
    Account theirs = TestAccounts.create();
    String foreign = theirs.path() + CALL;
    mine.given()
        .get(foreign)
        .then()
        .statusCode(404)
        .body("code", equalTo(20404))
        .body("message", equalTo("The requested resource " + foreign + " was not found"));
    for (String resource :
        new String[] {"/Calls.json", "/Messages.json", "/Messages/SM" + "2".repeat(32) + ".json"}) {
      mine.given()
          .get(theirs.path() + resource)
          .then()
          .statusCode(404)
          .body("code", equalTo(20404));
    }
    String nobody = "/2010-04-01/Accounts/AC" + "7".repeat(32) + "/Calls.json";
    mine.given()
        .get(nobody)
        .then()
        .statusCode(404)
        .body("message", equalTo("The requested resource " + nobody + " was not found"));
  }

  @Test
  void aRotatedTokenStopsWorkingAndTheNewOneWorks() {
    Account account = TestAccounts.create();
    String list = account.path() + "/Calls.json";
    account.given().get(list).then().statusCode(503);
    String fresh =
        given()
            .header("Authorization", "Bearer " + TestAccounts.OPERATOR_TOKEN)
            .post("/admin/v1/Accounts/" + account.sid() + "/AuthToken")
            .then()
            .statusCode(200)
            .body("account_sid", equalTo(account.sid()))
            .extract()
            .path("auth_token");
    assertThat(fresh).isNotEqualTo(account.token());
    account.given().get(list).then().statusCode(401);
    given().auth().preemptive().basic(account.sid(), fresh).get(list).then().statusCode(503);
    given()
        .header("Authorization", "Bearer " + TestAccounts.OPERATOR_TOKEN)
        .post("/admin/v1/Accounts/AC" + "5".repeat(32) + "/AuthToken")
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));
  }

  @Test
  void onlyTheTokensHashIsStored() {
    Account account = TestAccounts.create();
    String stored =
        TestServers.servers()
            .mariaDb("control")
            .sql(
                "SELECT auth_token_sha256 FROM accounts.account WHERE sid = '"
                    + account.sid()
                    + "'")
            .strip();
    assertThat(stored).isEqualTo(Tokens.hash(account.token())).doesNotContain(account.token());
    String everything =
        TestServers.servers().mariaDb("control").sql("SELECT * FROM accounts.account");
    assertThat(everything).doesNotContain(account.token());
  }
}
