package io.flightdeck.postflight.control;

import io.flightdeck.postflight.store.DatabaseServer;
import io.flightdeck.postflight.store.ServerConfig;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.mysqlclient.MySQLBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The control database: its schema (Flyway, {@code db/control}, apart from the shards' {@code
 * db/shard}) and one small reactive pool to it.
 */
@ApplicationScoped
public class ControlDatabase {
  private final DatabaseServer server;
  private final Pool pool;

  public ControlDatabase(ControlConfig config, Vertx vertx) {
    this.server = ServerConfig.server(config, config.database());
    this.pool =
        MySQLBuilder.pool()
            .with(new PoolOptions().setMaxSize(4).setName("control-pool"))
            .connectingTo(server.connectOptions())
            .using(vertx)
            .build();
  }

  /**
   * Creates the schema if needed and brings it to the current version. Blocking.
   *
   * @throws org.flywaydb.core.api.FlywayException when the database is unreachable or a migration
   *     fails
   */
  public void migrate() {
    server.migrate("classpath:db/control");
  }

  public Pool pool() {
    return pool;
  }

  /** {@code host:port/database}, for messages. */
  public String describe() {
    return server.toString();
  }

  @PreDestroy
  void close() {
    pool.closeAndForget();
  }
}
