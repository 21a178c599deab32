package io.flightdeck.benchmarks;

import io.flightdeck.servers.MariaDbEndpoint;
import org.flywaydb.core.Flyway;

/**
 * The stores the benchmarks write straight to, each created by the Flyway migrations of the module
 * that owns it, read from that module's jar on the classpath (the benchmarks depend on the
 * services' jars for this). A change to a store's schema reaches the benchmark with the next build;
 * there is no copy of a schema here to fall behind.
 */
enum StoreMigrations {
  /** inflight-service's live store ({@code live_record}, the outbox, …). */
  LIVE_RECORDS("db/migration"),
  /** The legacy combined store ({@code records}), owned by the aggregator that reads it. */
  LEGACY_RECORDS("db/legacy");

  private final String location;

  StoreMigrations(String location) {
    this.location = location;
  }

  /** Creates {@code database} if missing and migrates it to the owner's newest version. */
  void migrate(MariaDbEndpoint server, String database) {
    Flyway.configure(StoreMigrations.class.getClassLoader())
        .dataSource(
            "jdbc:mariadb://%s:%d/%s?createDatabaseIfNotExist=true"
                .formatted(server.host(), server.port(), database),
            server.user(),
            server.password())
        .locations("classpath:" + location)
        .failOnMissingLocations(true)
        .load()
        .migrate();
  }
}
