package io.flightdeck.postflight.control;

import io.flightdeck.postflight.routing.MapKind;
import io.flightdeck.postflight.routing.Routing;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of routing: up while this instance has read the shard maps recently, naming the versions
 * in force. Down when the control database has not answered for a few polls: the instance still
 * routes by its last maps, but it would miss a change (during a shard split, that matters).
 */
@Readiness
@ApplicationScoped
public class ControlHealth implements HealthCheck {
  private static final Duration MIN_STALENESS = Duration.ofSeconds(3);

  private final ControlPlane control;
  private final Routing routing;

  public ControlHealth(ControlPlane control, Routing routing) {
    this.control = control;
    this.routing = routing;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("shard maps");
    for (MapKind kind : MapKind.values()) {
      response.withData(kind + " map version", routing.inForce(kind).map(m -> String.valueOf(m.version())).orElse("none"));
    }
    Duration staleAfter = max(MIN_STALENESS, control.pollInterval().multipliedBy(10));
    boolean fresh = control.lastPoll().map(at -> at.plus(staleAfter).isAfter(Instant.now())).orElse(false);
    control.lastPoll().ifPresent(at -> response.withData("last read", at.toString()));
    control.pollProblem().ifPresent(problem -> response.withData("problem", problem));
    return response.status(fresh).build();
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
