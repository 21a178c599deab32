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
 * Readiness of routing: UP while this instance has a read and a write map in force, naming their
 * versions. When the control database stops answering, the instance keeps routing by the maps it
 * last read, so it stays UP and says since when its maps are {@code stale} (during a shard split
 * that matters to an operator; to a reader it does not). DOWN only before any map was read: then
 * nothing can be routed.
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
    boolean routable = true;
    for (MapKind kind : MapKind.values()) {
      response.withData(
          kind + " map version",
          routing.inForce(kind).map(m -> String.valueOf(m.version())).orElse("none"));
      routable &= routing.inForce(kind).isPresent();
    }
    Duration staleAfter = max(MIN_STALENESS, control.pollInterval().multipliedBy(10));
    boolean fresh =
        control.lastPoll().map(at -> at.plus(staleAfter).isAfter(Instant.now())).orElse(false);
    control.lastPoll().ifPresent(at -> response.withData("last read", at.toString()));
    if (!fresh) {
      response.withData(
          "stale",
          "the control database has not answered since "
              + control.lastPoll().map(Instant::toString).orElse("start-up")
              + "; routing by the maps in force");
    }
    control.pollProblem().ifPresent(problem -> response.withData("problem", problem));
    return response.status(routable).build();
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
