package io.flightdeck.billing;

import io.smallrye.config.ConfigMapping;
import java.time.Instant;
import java.util.Optional;

/** The billing consumer's own settings; its broker, database and callers are Quarkus's keys. */
@ConfigMapping(prefix = "flightdeck.billing")
public interface BillingConfig {
  /**
   * {@code --from}: replay the completed records the broker stamped at or after this instant, the
   * first time this process is given a partition ({@link ReplayFrom}). Unset: the group's committed
   * positions.
   */
  Optional<Instant> replayFrom();

  /** The billing database's server, which the datasource's URL is built from. */
  Db db();

  /** Where the billing database's server listens. */
  interface Db {
    /** Its host name or address. */
    String host();

    /** Its port. */
    int port();
  }
}
