package io.flightdeck.flags;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Provisions the flags into Unleash when the service starts, if an admin token is configured
 * ({@code flightdeck.flags.unleash.admin-token}). Unleash unreachable is not a reason to refuse to
 * start: the service runs on the last known flags and the next start provisions.
 */
@ApplicationScoped
public class ProvisionAtStart {
  private static final Logger LOG = Logger.getLogger(ProvisionAtStart.class);

  void provision(@Observes StartupEvent event, FlagsConfig config) {
    if (config.url().isEmpty() || config.adminToken().isEmpty()) {
      return;
    }
    try {
      List<String> added =
          new UnleashAdmin(config.url().get(), config.adminToken().get(), config.environment())
              .provision();
      LOG.infof(
          "Unleash flags provisioned%s",
          added.isEmpty() ? ": everything existed" : ", added " + added);
    } catch (IOException e) {
      LOG.warnf(
          "Could not provision the flags into Unleash (the next start tries again): %s",
          e.getMessage());
    }
  }
}
