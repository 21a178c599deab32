package io.flightdeck.postflight;

import io.flightdeck.postflight.store.DatabaseServer;
import io.flightdeck.servers.MariaDbEndpoint;
import io.flightdeck.servers.testing.TestServers;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.mysqlclient.MySQLBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.UUID;

/**
 * Shard schemas of their own for tests that build the service's objects by hand: a database with a
 * unique name on one of the test servers' shard MariaDBs, migrated like a shard (db/shard), so a
 * test changes partitions and rows no other test sees.
 */
public final class FreshShards {
  private FreshShards() {}

  /** A new, migrated shard schema on the named test server ({@code shard-0}, {@code shard-1}). */
  public static DatabaseServer migrated(String server, String prefix) {
    DatabaseServer shard =
        on(server, prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
    shard.migrate("classpath:db/shard");
    return shard;
  }

  /** The schema {@code database} on the named test server (not created here). */
  public static DatabaseServer on(String server, String database) {
    MariaDbEndpoint endpoint = TestServers.mariaDb(server);
    return new DatabaseServer(
        endpoint.host(), endpoint.port(), endpoint.user(), endpoint.password(), database);
  }

  /** A small pool to the schema; the caller closes it. */
  public static Pool pool(Vertx vertx, DatabaseServer shard) {
    return MySQLBuilder.pool()
        .with(new PoolOptions().setMaxSize(4))
        .connectingTo(shard.connectOptions())
        .using(vertx)
        .build();
  }
}
