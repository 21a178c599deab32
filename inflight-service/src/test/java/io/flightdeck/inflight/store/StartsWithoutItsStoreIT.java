package io.flightdeck.inflight.store;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.flightdeck.inflight.WithRealServers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The service comes up without its store, and says so in its health instead of crash-looping. */
@QuarkusTest
@WithRealServers
@TestProfile(StartsWithoutItsStoreIT.StoreUnreachable.class)
class StartsWithoutItsStoreIT {

  /** The in-flight store's address points at a port nothing listens on. */
  public static class StoreUnreachable implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("flightdeck.inflight.db.port", "9");
    }
  }

  @Test
  void itIsAliveButNotReadyAndNamesTheStore() {
    given().get("/q/health/live").then().statusCode(200);
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(503)
        .body("checks.find { it.name == 'in-flight store schema' }.status", equalTo("DOWN"))
        .body("checks.name", hasItem("in-flight store schema"));
  }
}
