package io.flightdeck.inflight.lifecycle;

import static io.flightdeck.inflight.Producer.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.flightdeck.inflight.Producer;
import io.flightdeck.inflight.WithRealServers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithRealServers
class OversizedBodyIT {

  @Test
  void aBodyOverTheLimitIsA413InTheErrorBodyAndCreatesNothing() {
    String account = Producer.newAccount();
    String huge = "{\"from\": \"+1\", \"to\": \"+2\", \"caller_name\": \"" + "x".repeat(100_000) + "\"}";
    given().contentType(ContentType.JSON).body(huge).post(Producer.calls(account)).then()
        .statusCode(413).body("status", equalTo(413)).body("message", containsString("too large"));
    given().get(Producer.calls(account)).then().statusCode(200).body("records.size()", equalTo(0));
  }
}
