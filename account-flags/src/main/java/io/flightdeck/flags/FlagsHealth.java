package io.flightdeck.flags;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the per-account flags: DOWN only while the first fetch after start-up is under way
 * (requests would wait for it). Afterwards UP, also with Unleash unreachable (the service then runs
 * on the last known flags, which is the point of failing safe), and the details say how fresh the
 * flags are: {@code stale}, {@code source} (server, backup, defaults), {@code last_fetch}, {@code
 * last_error}.
 */
@Readiness
@ApplicationScoped
public class FlagsHealth implements HealthCheck {
  private final AccountFlags flags;

  public FlagsHealth(AccountFlags flags) {
    this.flags = flags;
  }

  @Override
  public HealthCheckResponse call() {
    FlagFreshness freshness = flags.freshness();
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("account-flags")
            .status(freshness.firstFetchDone())
            .withData("stale", freshness.stale())
            .withData("source", freshness.source().name().toLowerCase());
    freshness.lastSuccess().ifPresent(t -> response.withData("last_fetch", t.toString()));
    freshness.lastError().ifPresent(e -> response.withData("last_error", e));
    return response.build();
  }
}
