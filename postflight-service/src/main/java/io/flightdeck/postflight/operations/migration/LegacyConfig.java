package io.flightdeck.postflight.operations.migration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * Where the legacy combined store is ({@code flightdeck.legacy.db.*}), which migrations read. Unset
 * host: migrations are refused (503) and everything else works as without them.
 */
@ConfigMapping(prefix = "flightdeck.legacy.db")
public interface LegacyConfig {
  /** The legacy MariaDB's host; unset, no migration can run. */
  Optional<String> host();

  /** Its port. */
  @WithDefault("3306")
  int port();

  /** The database holding {@code records} (legacy-store's schema). */
  @WithDefault("legacy")
  String name();

  /** The user that reads it. */
  @WithDefault("flightdeck")
  String user();

  /** That user's password. */
  @WithDefault("flightdeck")
  String password();
}
