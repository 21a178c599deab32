package io.flightdeck.postflight.control;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.flightdeck.postflight.TestRecords;
import io.flightdeck.postflight.WithRealServers;
import io.flightdeck.servers.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The control database away: every instance keeps routing by the maps it last read, so it stays
 * ready and says in readiness that its maps are stale.
 */
@QuarkusTest
@WithRealServers
class ControlOutageIT {

  @Test
  void withTheControlDatabaseAwayTheServiceStaysReadyOnItsLastMapsAndSaysTheyAreStale() {
    String account = TestRecords.newAccount();
    given().get("/q/health/ready").then().statusCode(200);
    TestServers.servers().stop("mariadb-control");
    try {
      // Past the 3 s after which the maps count as stale.
      await()
          .pollDelay(Duration.ofSeconds(4))
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  given()
                      .get("/q/health/ready")
                      .then()
                      .statusCode(200)
                      .body("checks.find { it.name == 'shard maps' }.status", equalTo("UP"))
                      .body("checks.find { it.name == 'shard maps' }.data.stale", notNullValue()));
      given()
          .header(
              "Authorization",
              "Bearer flightdeck-local-service-token") // the services' local credential
          .get("/internal/v1/Accounts/" + account + "/Calls")
          .then()
          .statusCode(200);
    } finally {
      TestServers.servers().start("mariadb-control");
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                given()
                    .get("/q/health/ready")
                    .then()
                    .statusCode(200)
                    .body("checks.find { it.name == 'shard maps' }.data.stale", equalTo(null)));
  }
}
