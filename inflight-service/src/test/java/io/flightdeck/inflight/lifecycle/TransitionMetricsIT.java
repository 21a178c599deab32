package io.flightdeck.inflight.lifecycle;

import static io.flightdeck.inflight.ScrapedMetrics.label;
import static io.flightdeck.inflight.ScrapedMetrics.sum;
import static org.assertj.core.api.Assertions.assertThat;

import io.flightdeck.inflight.Producer;
import io.flightdeck.inflight.WithRealServers;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Transitions are counted by kind, requested status and what they came to. */
@QuarkusTest
@WithRealServers
class TransitionMetricsIT {
  private final String account = Producer.newAccount();

  @Test
  void anAppliedARefusedAndAnUnknownTransitionAreEachCountedUnderTheirOutcome() {
    double applied = completed("applied");
    double refused = ringing("refused");
    double notFound = ringing("not-found");

    String sid = Producer.createCall(account);
    Producer.complete(account, sid);
    Producer.move(account, sid, "{\"status\": \"ringing\"}").statusCode(409);
    Producer.move(account, "CA" + "0".repeat(32), "{\"status\": \"ringing\"}").statusCode(404);

    assertThat(completed("applied")).isEqualTo(applied + 1);
    assertThat(ringing("refused")).isEqualTo(refused + 1);
    assertThat(ringing("not-found")).isEqualTo(notFound + 1);
  }

  private static double completed(String outcome) {
    return count("completed", outcome);
  }

  private static double ringing(String outcome) {
    return count("ringing", outcome);
  }

  private static double count(String status, String outcome) {
    return sum(
        "inflight_transitions_total",
        label("kind", "call"),
        label("status", status),
        label("outcome", outcome));
  }
}
