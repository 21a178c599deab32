package io.flightdeck.postflight.control;

import static io.flightdeck.postflight.Readiness.awaitReadiness;
import static io.flightdeck.postflight.Readiness.readiness;
import static io.flightdeck.postflight.TestCallers.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.flightdeck.postflight.CompletedCalls;
import io.flightdeck.postflight.Readiness;
import io.flightdeck.postflight.TestRecords;
import io.flightdeck.postflight.TestTopics;
import io.flightdeck.postflight.WithRealServers;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.CallStatus;
import io.flightdeck.servers.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The control database away: every instance keeps routing by the maps it last read, so it stays
 * ready and says in readiness that its maps are stale. It stores what it ingests, but confirms
 * nothing until it reads the maps again: it cannot know whether a split has begun to move reads
 * away from the shard it writes.
 */
@QuarkusTest
@WithRealServers
class ControlOutageIT {
  private final TestTopics topics = TestTopics.ofTestServers();

  @Test
  void withTheControlDatabaseAwayTheServiceStaysReadyOnItsLastMapsAndSaysTheyAreStale() {
    String account = TestRecords.newAccount();
    CallRecord call =
        TestRecords.call(
            account, CallStatus.COMPLETED, Instant.now().truncatedTo(ChronoUnit.MICROS), 2);
    readiness(200);
    TestServers.servers().stop("mariadb-control");
    long restarting;
    try {
      // Past the 3 s after which the maps count as stale.
      await()
          .pollDelay(Duration.ofSeconds(4))
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  readiness(200)
                      .body(maps("status"), equalTo("UP"))
                      .body(maps("data.stale"), notNullValue()));
      service().get("/internal/v1/Accounts/" + account + "/Calls").then().statusCode(200);

      topics.publishCompleted(call);
      CompletedCalls.awaitServed(call, Duration.ofSeconds(20));
    } finally {
      restarting = System.currentTimeMillis();
      TestServers.servers().start("mariadb-control");
    }
    ConsumerRecord<String, byte[]> confirmation =
        topics.read("records.persisted", r -> account.equals(r.key()), 1).get(0);
    assertThat(new String(confirmation.value(), StandardCharsets.UTF_8)).contains(call.sid());
    assertThat(confirmation.timestamp())
        .as("confirmed only once the control database is back")
        .isGreaterThanOrEqualTo(restarting);
    awaitReadiness(
        Duration.ofSeconds(30), 200, ready -> ready.body(maps("data.stale"), equalTo(null)));
  }

  private static String maps(String field) {
    return Readiness.check("shard maps", field);
  }
}
