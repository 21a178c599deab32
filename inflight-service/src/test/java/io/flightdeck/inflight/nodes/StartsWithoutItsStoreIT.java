package io.flightdeck.inflight.nodes;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.flightdeck.inflight.Producer;
import io.flightdeck.inflight.WithRealServers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The service comes up without its store, and says so in its health instead of crash-looping,
 * naming each node.
 */
@QuarkusTest
@WithRealServers
@TestProfile(StartsWithoutItsStoreIT.StoreUnreachable.class)
class StartsWithoutItsStoreIT {

  /** Every in-flight node's address points at a port nothing listens on. */
  public static class StoreUnreachable implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "flightdeck.inflight.nodes.inflight-0.port", "9",
          "flightdeck.inflight.nodes.inflight-1.port", "9");
    }
  }

  @Test
  void itIsAliveButNotReadyAndNamesTheStore() {
    given().get("/q/health/live").then().statusCode(200);
    // Each node is checked every 250 ms; the first check may not have answered yet.
    await().atMost(Duration.ofSeconds(10)).untilAsserted(this::notReadyNamingEachNode);
  }

  private void notReadyNamingEachNode() {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(503)
        .body("checks.find { it.name == 'in-flight nodes' }.status", equalTo("DOWN"))
        .body(
            "checks.find { it.name == 'in-flight nodes' }.data.inflight-0",
            containsString("unreachable"))
        .body(
            "checks.find { it.name == 'in-flight nodes' }.data.inflight-1",
            containsString("unreachable"));
  }

  @Test
  void aCreateAnswers503NamingTheStore() {
    Producer.create(Producer.newAccount(), "{\"to\": \"+15550001\", \"from\": \"+15550002\"}")
        .statusCode(503)
        .header("Retry-After", notNullValue())
        .body("message", containsString("in-flight"));
  }
}
