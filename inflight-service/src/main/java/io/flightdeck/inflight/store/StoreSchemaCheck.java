package io.flightdeck.inflight.store;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only once the in-flight store's schema is current; says why not otherwise. */
@Readiness
@ApplicationScoped
public class StoreSchemaCheck implements HealthCheck {
  private final StoreSchema schema;

  public StoreSchemaCheck(StoreSchema schema) {
    this.schema = schema;
  }

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("in-flight store schema");
    return schema.current()
        ? response.up().build()
        : response.down().withData("problem", schema.problem()).build();
  }
}
