package io.flightdeck.aggregator.calls;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.flightdeck.aggregator.TestAccounts;
import io.flightdeck.aggregator.WithControlStore;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests refused before any store is read (the stores are not running here): each gets a 4xx in
 * Twilio's error body.
 */
@QuarkusTest
@WithControlStore
class BadRequestsIT {
  private static TestAccounts.Account account;
  private static String list;

  @BeforeEach
  void anAccount() {
    if (account == null) {
      account = TestAccounts.create();
      list = account.path() + "/Calls.json";
    }
  }

  @Test
  void aMalformedCallSidIsA400NamingIt() {
    account
        .given()
        .get(account.path() + "/Calls/SM" + "d".repeat(32) + ".json")
        .then()
        .statusCode(400)
        .body("code", equalTo(20001))
        .body("status", equalTo(400))
        .body("message", containsString("Sid"))
        .body("more_info", equalTo("https://www.twilio.com/docs/errors/20001"));
    account
        .given()
        .get(account.path() + "/Messages/CA" + "d".repeat(32) + ".json")
        .then()
        .statusCode(400)
        .body("message", containsString("Sid"));
  }

  @Test
  void upperCaseHexInASidIsA400NamingIt() {
    String hex = "ABCDEF0123456789".repeat(2);
    account
        .given()
        .get(account.path() + "/Calls/CA" + hex + ".json")
        .then()
        .statusCode(400)
        .body("code", equalTo(20001))
        .body(
            "message",
            containsString("Sid must be a call Sid (CA followed by 32 lower-case hex digits)"));
    account
        .given()
        .get(account.path() + "/Messages/SM" + hex + ".json")
        .then()
        .statusCode(400)
        .body("message", containsString("lower-case hex"));
    account
        .given()
        .queryParam("ParentCallSid", "CA" + hex)
        .get(list)
        .then()
        .statusCode(400)
        .body("message", containsString("ParentCallSid"));
  }

  @Test
  void pageSizeOutsideOneToAThousandOrNotANumberIsA400() {
    for (String size : new String[] {"0", "-1", "100000", "ten", "1.5", " "}) {
      account
          .given()
          .queryParam("PageSize", size)
          .get(list)
          .then()
          .statusCode(400)
          .body("message", containsString("PageSize"));
    }
  }

  @Test
  void aGarbageOrTamperedPageTokenIsA400() {
    for (String token : new String[] {"garbage", "PAAAAA.BBBB", "PB" + "x".repeat(40)}) {
      account
          .given()
          .queryParam("PageToken", token)
          .get(list)
          .then()
          .statusCode(400)
          .body("message", containsString("PageToken"));
    }
  }

  @Test
  void aLaterPageWithoutATokenIsRefusedAsTwilioDoes() {
    account
        .given()
        .queryParam("Page", 2)
        .get(list)
        .then()
        .statusCode(400)
        .body("message", equalTo("PageToken is required for paging."));
  }

  @Test
  void badFilterValuesAreA400NamingTheParameter() {
    account
        .given()
        .queryParam("Status", "done")
        .get(list)
        .then()
        .statusCode(400)
        .body("message", containsString("Status"));
    account
        .given()
        .queryParam("ParentCallSid", "SM" + "a".repeat(32))
        .get(list)
        .then()
        .statusCode(400)
        .body("message", containsString("ParentCallSid"));
    account
        .given()
        .urlEncodingEnabled(false)
        .get(list + "?StartTime%3E=yesterday")
        .then()
        .statusCode(400)
        .body("message", containsString("StartTime>"));
    account
        .given()
        .urlEncodingEnabled(false)
        .get(account.path() + "/Messages.json?DateSent=2024-13-45")
        .then()
        .statusCode(400)
        .body("message", containsString("DateSent"));
  }

  @Test
  void unknownPathsWrongMethodsAndVeryLongUrisAnswerInTheErrorBody() {
    account
        .given()
        .get(account.path() + "/Nope.json")
        .then()
        .statusCode(404)
        .body("code", equalTo(20404));
    account.given().delete(list).then().statusCode(405).body("status", equalTo(405));
    account
        .given()
        .queryParam("To", "x".repeat(10_000))
        .get(list)
        .then()
        .statusCode(400)
        .body("code", equalTo(70002));
  }

  @Test
  void storesThatDoNotAnswerGiveA503ToRetry() {
    account.given().get(list).then().statusCode(503).body("code", equalTo(20503));
    account
        .given()
        .get(account.path() + "/Messages/MM" + "e".repeat(32) + ".json")
        .then()
        .statusCode(503)
        .body("code", equalTo(20503));
  }
}
