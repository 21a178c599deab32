package io.flightdeck.inflight.legacy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * The legacy combined store ({@code flightdeck.legacy.db.*}), written for accounts whose {@code
 * write-path} flag is {@code legacy} or {@code dual}. Unset host: no legacy store, and such an
 * account's writes answer 503 naming it.
 */
@ConfigMapping(prefix = "flightdeck.legacy")
public interface LegacyConfig {
  /** The server and schema. */
  Db db();

  /** Where the legacy store is. */
  interface Db {
    /** Host of the legacy MariaDB server; unset, there is no legacy store. */
    Optional<String> host();

    /** Its port. */
    @WithDefault("3306")
    int port();

    /** The schema (created and migrated at start-up from legacy-store's {@code db/legacy}). */
    @WithDefault("legacy")
    String name();

    /** Database user. */
    @WithDefault("flightdeck")
    String user();

    /**
     * Database password; no default, so that a service without a legacy store holds no development
     * secret here.
     */
    Optional<String> password();

    /** Connections. */
    @WithDefault("16")
    int poolSize();
  }
}
