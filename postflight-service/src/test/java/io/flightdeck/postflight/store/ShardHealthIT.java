package io.flightdeck.postflight.store;

import static io.flightdeck.postflight.Readiness.awaitReadiness;
import static io.flightdeck.postflight.Readiness.readiness;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.flightdeck.postflight.Readiness;
import io.flightdeck.postflight.WithRealServers;
import io.flightdeck.servers.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithRealServers
class ShardHealthIT {

  @Test
  void aShardThatIsDownIsNamedInReadinessWhileTheServiceStaysReadyForTheOthers() {
    readiness(200)
        .body(shards("data.shard-0"), equalTo("up"))
        .body(shards("data.shard-1"), equalTo("up"));
    TestServers.servers().stop("mariadb-shard-1");
    try {
      awaitShards(200, "UP", equalTo("up"), startsWith("down: "));
      given().get("/q/health/live").then().statusCode(200);
    } finally {
      TestServers.servers().start("mariadb-shard-1");
    }
    awaitReadiness(
        Duration.ofSeconds(30), 200, ready -> ready.body(shards("data.shard-1"), equalTo("up")));
  }

  @Test
  void withEveryShardDownTheServiceIsNotReadyButAlive() {
    TestServers.servers().stop("mariadb-shard-0");
    TestServers.servers().stop("mariadb-shard-1");
    try {
      awaitShards(503, "DOWN", startsWith("down: "), startsWith("down: "));
      given().get("/q/health/live").then().statusCode(200);
    } finally {
      TestServers.servers().start("mariadb-shard-0");
      TestServers.servers().start("mariadb-shard-1");
    }
    awaitReadiness(Duration.ofSeconds(30), 200, ready -> {});
  }

  /**
   * Waits until readiness answers {@code status}, its shards check {@code check}, each shard so.
   */
  private static void awaitShards(
      int status, String check, Matcher<String> shard0, Matcher<String> shard1) {
    awaitReadiness(
        Duration.ofSeconds(20),
        status,
        answer ->
            answer
                .body(shards("status"), equalTo(check))
                .body(shards("data.shard-0"), shard0)
                .body(shards("data.shard-1"), shard1));
  }

  private static String shards(String field) {
    return Readiness.check("post-flight shards", field);
  }
}
