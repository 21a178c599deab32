package io.flightdeck.inflight.lifecycle;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.flightdeck.auth.DevelopmentCredentials;
import io.flightdeck.inflight.Producer;
import io.flightdeck.inflight.WithRealServers;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithRealServers
class LiveRecordsIT {

  @Test
  void theOldestLiveRecordIsNoYoungerThanAnyRecordStillInFlight() {
    String account = Producer.newAccount();
    String sid = Producer.createCall(account);
    Instant created =
        Instant.parse(
            Producer.given()
                .get(Producer.calls(account) + "/" + sid)
                .then()
                .statusCode(200)
                .extract()
                .path("date_created"));

    String oldest =
        given()
            .auth()
            .oauth2(DevelopmentCredentials.SERVICE_TOKEN)
            .get("/internal/v1/LiveRecords/Oldest")
            .then()
            .statusCode(200)
            .extract()
            .path("date_created");

    assertThat(Instant.parse(oldest)).isBeforeOrEqualTo(created);
  }

  @Test
  void producersMayNotAskIt() {
    Producer.given()
        .get("/internal/v1/LiveRecords/Oldest")
        .then()
        .statusCode(403)
        .body("code", org.hamcrest.Matchers.equalTo(20403));
  }
}
