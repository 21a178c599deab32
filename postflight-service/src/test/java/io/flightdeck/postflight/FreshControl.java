package io.flightdeck.postflight;

import io.flightdeck.postflight.control.ControlConfig;
import io.flightdeck.postflight.control.ControlDatabase;
import io.flightdeck.postflight.store.DatabaseServer;
import io.flightdeck.servers.MariaDbEndpoint;
import io.flightdeck.servers.testing.TestServers;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.UUID;

/**
 * A control database of its own for tests that build the service's objects by hand: a uniquely
 * named schema on the test servers' control MariaDB, migrated (db/control). What a fresh
 * deployment, or a second instance of one, sees.
 */
public final class FreshControl {
  private final ControlDatabase db;

  private FreshControl(ControlDatabase db) {
    this.db = db;
  }

  /** A fresh schema named {@code prefix_} and ten random hex digits. */
  public static FreshControl create(Vertx vertx, String prefix) {
    return on(vertx, uniqueName(prefix));
  }

  /** A unique schema name: {@code prefix_} and ten random hex digits. */
  public static String uniqueName(String prefix) {
    return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  /**
   * The named schema, created and migrated unless it is: a second instance of a deployment shares
   * its first's.
   */
  public static FreshControl on(Vertx vertx, String database) {
    MariaDbEndpoint server = TestServers.mariaDb("control");
    ControlDatabase db =
        new ControlDatabase(
            new ControlConfig() {
              public String host() {
                return server.host();
              }

              public int port() {
                return server.port();
              }

              public String user() {
                return server.user();
              }

              public String password() {
                return server.password();
              }

              public String database() {
                return database;
              }

              public Duration pollInterval() {
                return Duration.ofMillis(250);
              }

              public Duration startupWait() {
                return Duration.ofSeconds(10);
              }
            },
            vertx);
    db.migrate();
    return new FreshControl(db);
  }

  public ControlDatabase db() {
    return db;
  }

  /** Adds a shard to the catalogue as a shard operation would, while instances run. */
  public void catalogue(String id, DatabaseServer primary) {
    LocalDateTime now = LocalDateTime.now();
    db.pool()
        .preparedQuery("INSERT INTO shards (id, pool_size, created_at) VALUES (?, 4, ?)")
        .execute(Tuple.of(id, now))
        .chain(
            () ->
                db.pool()
                    .preparedQuery(
                        "INSERT INTO shard_servers (shard_id, ordinal, host, port, username, password, database_name)"
                            + " VALUES (?, 0, ?, ?, ?, ?, ?)")
                    .execute(
                        Tuple.from(
                            new Object[] {
                              id,
                              primary.host(),
                              primary.port(),
                              primary.user(),
                              primary.password(),
                              primary.database()
                            })))
        .await()
        .atMost(Duration.ofSeconds(10));
  }

  public void close() {
    db.pool().closeAndAwait();
  }
}
