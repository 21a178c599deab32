package io.flightdeck.legacy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * Where the legacy combined store is ({@code flightdeck.legacy.db.*}), one mapping for every
 * service that reaches it: inflight-service writes it for accounts whose {@code write-path} flag is
 * {@code legacy} or {@code dual}, post-flight's migrations read it. Unset host: no legacy store,
 * and what needs it answers 503 naming it.
 */
@ConfigMapping(prefix = "flightdeck.legacy.db")
public interface LegacyConfig {
  /** Host of the legacy MariaDB server; unset, there is no legacy store. */
  Optional<String> host();

  /** Its port. */
  @WithDefault("3306")
  int port();

  /**
   * The schema holding {@code records} (migrated at start-up from this module's {@code db/legacy}).
   */
  @WithDefault("legacy")
  String name();

  /** Database user. */
  @WithDefault("flightdeck")
  String user();

  /**
   * Database password; no default, so that a service without a legacy store holds no development
   * secret here (each service's {@code application.properties} names the launcher's).
   */
  Optional<String> password();

  /** Connections of the service's pool to it. */
  @WithDefault("16")
  int poolSize();
}
