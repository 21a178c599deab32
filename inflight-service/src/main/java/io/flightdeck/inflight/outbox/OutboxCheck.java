package io.flightdeck.inflight.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports the outbox in the readiness answer: its depth, the age of its oldest row and whether it
 * is stuck. It reports and never fails readiness: every instance shares one outbox, so a relay or
 * broker problem would take every instance out of its Service at once and stop the write API, while
 * writes are exactly what the outbox keeps safe until the relay recovers. The alert is on {@code
 * inflight_outbox_stuck} and {@code inflight_outbox_oldest_age_seconds}.
 */
@Readiness
@ApplicationScoped
public class OutboxCheck implements HealthCheck {
  private final OutboxMonitor monitor;
  private final OutboxConfig config;

  public OutboxCheck(OutboxMonitor monitor, OutboxConfig config) {
    this.monitor = monitor;
    this.config = config;
  }

  @Override
  public HealthCheckResponse call() {
    OutboxState state = monitor.state();
    var response = HealthCheckResponse.named("outbox").up();
    if (!state.isMeasured()) {
      return response.withData("state", "not measured yet").build();
    }
    return response
        .withData("state", monitor.stuck() ? "stuck" : "flowing")
        .withData("depth", state.totalDepth())
        .withData("oldest-age-seconds", monitor.oldestAge().toSeconds())
        .withData("stuck-after-seconds", config.stuckAfter().toSeconds())
        .build();
  }
}
