package io.flightdeck.aggregator.calls;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Requests refused before any store is read (the stores are not running here): each gets a 4xx in
 * Twilio's error body.
 */
@QuarkusTest
class BadRequestsTest {
  private static final String ACCOUNT = "AC" + "c".repeat(32);
  private static final String LIST = "/2010-04-01/Accounts/" + ACCOUNT + "/Calls.json";

  @Test
  void aMalformedAccountSidOrCallSidIsA400NamingIt() {
    given().get("/2010-04-01/Accounts/ACxyz/Calls.json").then().statusCode(400)
        .body("code", equalTo(20001)).body("status", equalTo(400)).body("message", containsString("AccountSid"))
        .body("more_info", equalTo("https://www.twilio.com/docs/errors/20001"));
    given().get("/2010-04-01/Accounts/" + ACCOUNT + "/Calls/SM" + "d".repeat(32) + ".json").then().statusCode(400)
        .body("message", containsString("Sid"));
  }

  @Test
  void pageSizeOutsideOneToAThousandOrNotANumberIsA400() {
    for (String size : new String[] {"0", "-1", "100000", "ten", "1.5", " "}) {
      given().queryParam("PageSize", size).get(LIST).then().statusCode(400).body("message", containsString("PageSize"));
    }
  }

  @Test
  void aGarbageOrTamperedPageTokenIsA400() {
    for (String token : new String[] {"garbage", "PAAAAA.BBBB", "PB" + "x".repeat(40)}) {
      given().queryParam("PageToken", token).get(LIST).then().statusCode(400).body("message", containsString("PageToken"));
    }
  }

  @Test
  void aLaterPageWithoutATokenIsRefusedAsTwilioDoes() {
    given().queryParam("Page", 2).get(LIST).then().statusCode(400).body("message", equalTo("PageToken is required for paging."));
  }

  @Test
  void unknownPathsAndWrongMethodsAnswerInTheErrorBody() {
    given().get("/2010-04-01/Accounts/" + ACCOUNT + "/Nope.json").then().statusCode(404).body("code", equalTo(20404));
    given().delete(LIST).then().statusCode(405).body("status", equalTo(405));
  }

  @Test
  void storesThatDoNotAnswerGiveA503ToRetry() {
    given().get(LIST).then().statusCode(503).body("code", equalTo(20503));
  }
}
