package io.flightdeck.inflight.outbox;

import static io.flightdeck.inflight.Producer.given;
import static io.flightdeck.inflight.ScrapedMetrics.label;
import static io.flightdeck.inflight.ScrapedMetrics.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.flightdeck.inflight.Producer;
import io.flightdeck.inflight.TopicRecords;
import io.flightdeck.inflight.WithRealServers;
import io.flightdeck.servers.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an operator's Prometheus and the readiness answer show of the outbox and its relay. */
@QuarkusTest
@WithRealServers
@TestProfile(OutboxMetricsIT.QuickMeasurements.class)
class OutboxMetricsIT {
  private final String account = Producer.newAccount();
  private final String lane = label("lane", Integer.toString(OutboxEvent.laneOf(account)));

  /** Measured every second, and stuck after 4 s, so a stopped broker shows within a test. */
  public static class QuickMeasurements implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "flightdeck.outbox.metrics-interval", "1s", "flightdeck.outbox.stuck-after", "4s");
    }
  }

  @Test
  void aPublishedEventIsCountedAndItsLaneDrainsToZero() {
    double before = sum("inflight_outbox_published_total", label("topic", "records.completed"));
    String sid = Producer.createCall(account);
    Producer.complete(account, sid);
    TopicRecords.completedOf(account, 1);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(sum("inflight_outbox_depth", lane)).isZero();
              assertThat(sum("inflight_outbox_oldest_age_seconds", lane)).isZero();
              assertThat(
                      sum("inflight_outbox_published_total", label("topic", "records.completed")))
                  .isGreaterThanOrEqualTo(before + 1);
            });
    assertThat(sum("inflight_outbox_stuck")).isZero();
  }

  @Test
  void withTheBrokerStoppedTheEventWaitsItsAgeGrowsAndTheReadinessDetailTurnsStuck() {
    TestServers.servers().stop("kafka");
    try {
      String sid = Producer.createCall(account);
      Producer.complete(account, sid);

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(sum("inflight_outbox_depth", lane)).isEqualTo(1));
      double firstAge = sum("inflight_outbox_oldest_age_seconds", lane);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(sum("inflight_outbox_oldest_age_seconds", lane))
                      .isGreaterThan(firstAge + 1));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                assertThat(sum("inflight_outbox_stuck")).isEqualTo(1);
                // Reported, never failing: the outbox check stays UP (the answer as a whole is
                // the Kafka connector's own check's, DOWN while the broker is).
                given()
                    .get("/q/health/ready")
                    .then()
                    .body("checks.find { it.name == 'outbox' }.status", equalTo("UP"))
                    .body("checks.find { it.name == 'outbox' }.data.state", equalTo("stuck"));
              });
    } finally {
      TestServers.servers().start("kafka");
    }
    TopicRecords.completedOf(account, 1);
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              assertThat(sum("inflight_outbox_depth", lane)).isZero();
              assertThat(sum("inflight_outbox_stuck")).isZero();
            });
  }
}
