package io.flightdeck.auth;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Refuses to start a service whose configuration holds a public development secret ({@link
 * DevelopmentSecrets}) unless {@code flightdeck.local-development=true} says this is a developer's
 * machine: the launcher sets it for everything it runs, and the {@code %dev} and {@code %test}
 * profiles set it. The refusal names every offending key.
 */
@Singleton
public class DevelopmentSecretsCheck {

  /** Runs before the service's own start-up work, so a refused service does nothing first. */
  void onStart(
      @Observes @Priority(1) StartupEvent started,
      Config config,
      LocalDevelopment localDevelopment) {
    if (localDevelopment.enabled()) {
      return;
    }
    List<String> keys =
        DevelopmentSecrets.keysHoldingOne(config.getPropertyNames(), name -> value(config, name));
    if (!keys.isEmpty()) {
      throw new IllegalStateException(
          "Refusing to start: "
              + String.join(", ", keys)
              + (keys.size() == 1 ? " holds" : " hold")
              + " a public development secret. Set a secret of your own for each, or, on a developer's machine"
              + " only, flightdeck.local-development=true.");
    }
  }

  private static Optional<String> value(Config config, String name) {
    try {
      return config.getOptionalValue(name, String.class);
    } catch (NoSuchElementException | IllegalArgumentException e) {
      return Optional.empty(); // an expression that cannot be resolved here holds no secret either
    }
  }
}
