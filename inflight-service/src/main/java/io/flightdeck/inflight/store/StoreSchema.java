package io.flightdeck.inflight.store;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jboss.logging.Logger;

/**
 * Brings the in-flight store's schema to the current version, at start-up and then every few
 * seconds until it succeeds: a store that is down when the service starts makes the service unready
 * (see {@link StoreSchemaCheck}), never makes it crash-loop.
 */
@ApplicationScoped
public class StoreSchema {
  private static final Logger LOG = Logger.getLogger(StoreSchema.class);

  private final Flyway flyway;
  private volatile boolean current;
  private volatile String problem = "not migrated yet";

  public StoreSchema(Flyway flyway) {
    this.flyway = flyway;
  }

  void onStart(@Observes StartupEvent event) {
    migrate();
  }

  @Scheduled(every = "5s", delayed = "5s")
  void retryUntilCurrent() {
    if (!current) {
      migrate();
    }
  }

  private synchronized void migrate() {
    if (current) {
      return;
    }
    try {
      flyway.migrate();
      current = true;
    } catch (FlywayException e) {
      problem = e.getMessage();
      LOG.warnf("in-flight store schema not migrated, will retry: %s", e.getMessage());
    }
  }

  public boolean current() {
    return current;
  }

  /** Why the schema is not current, while it is not. */
  public String problem() {
    return problem;
  }
}
