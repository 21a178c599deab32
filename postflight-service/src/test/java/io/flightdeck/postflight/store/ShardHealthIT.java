package io.flightdeck.postflight.store;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.flightdeck.postflight.WithRealServers;
import io.flightdeck.servers.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithRealServers
class ShardHealthIT {

  @Test
  void aShardThatIsDownIsNamedInReadinessWhileTheServiceStaysReadyForTheOthers() {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("checks.find { it.name == 'post-flight shards' }.data.shard-0", equalTo("up"))
        .body("checks.find { it.name == 'post-flight shards' }.data.shard-1", equalTo("up"));
    TestServers.servers().stop("mariadb-shard-1");
    try {
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  given()
                      .get("/q/health/ready")
                      .then()
                      .statusCode(200)
                      .body("checks.find { it.name == 'post-flight shards' }.status", equalTo("UP"))
                      .body(
                          "checks.find { it.name == 'post-flight shards' }.data.shard-0",
                          equalTo("up"))
                      .body(
                          "checks.find { it.name == 'post-flight shards' }.data.shard-1",
                          startsWith("down: ")));
      given().get("/q/health/live").then().statusCode(200);
    } finally {
      TestServers.servers().start("mariadb-shard-1");
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                given()
                    .get("/q/health/ready")
                    .then()
                    .statusCode(200)
                    .body(
                        "checks.find { it.name == 'post-flight shards' }.data.shard-1",
                        equalTo("up")));
  }

  @Test
  void withEveryShardDownTheServiceIsNotReadyButAlive() {
    TestServers.servers().stop("mariadb-shard-0");
    TestServers.servers().stop("mariadb-shard-1");
    try {
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  given()
                      .get("/q/health/ready")
                      .then()
                      .statusCode(503)
                      .body(
                          "checks.find { it.name == 'post-flight shards' }.status", equalTo("DOWN"))
                      .body(
                          "checks.find { it.name == 'post-flight shards' }.data.shard-0",
                          startsWith("down: "))
                      .body(
                          "checks.find { it.name == 'post-flight shards' }.data.shard-1",
                          startsWith("down: ")));
      given().get("/q/health/live").then().statusCode(200);
    } finally {
      TestServers.servers().start("mariadb-shard-0");
      TestServers.servers().start("mariadb-shard-1");
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
  }
}
