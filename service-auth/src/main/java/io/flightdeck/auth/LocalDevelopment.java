package io.flightdeck.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

/** {@code flightdeck.local-development}: whether this is a developer's machine. */
@ConfigMapping(prefix = "flightdeck.local-development")
public interface LocalDevelopment {
  /**
   * True on a developer's machine only (the launcher, {@code %dev} and {@code %test} set it): the
   * public development secrets are then allowed ({@link DevelopmentSecretsCheck}).
   */
  @WithParentName
  @WithDefault("false")
  boolean enabled();
}
