package io.flightdeck.postflight;

import io.flightdeck.postflight.store.DatabaseServer;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link FreshControl} whose catalogue holds two {@link FreshShards}, {@code shard-0} and {@code
 * shard-1}, each on its own test server: the deployment the partition tests build by hand. Closing
 * it closes the pools it opened ({@code pools}) and the control database, not the Vert.x it was
 * given.
 */
public record TwoFreshShards(
    Vertx vertx,
    FreshControl control,
    DatabaseServer shard0,
    DatabaseServer shard1,
    List<Pool> pools)
    implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(60);

  /** The control database and both shards in schemas named {@code prefix_} and random digits. */
  public static TwoFreshShards create(Vertx vertx, String prefix) {
    FreshControl control = FreshControl.create(vertx, prefix);
    DatabaseServer shard0 = FreshShards.migrated("shard-0", prefix);
    DatabaseServer shard1 = FreshShards.migrated("shard-1", prefix);
    control.catalogue("shard-0", shard0);
    control.catalogue("shard-1", shard1);
    return new TwoFreshShards(vertx, control, shard0, shard1, new ArrayList<>());
  }

  /** A small pool to the shard's schema, closed with this. */
  public Pool pool(DatabaseServer shard) {
    Pool pool = FreshShards.pool(vertx, shard);
    pools.add(pool);
    return pool;
  }

  /**
   * Inserts one row in the shard's {@code calls} or {@code messages}, of a placeholder account,
   * created and updated at {@code created} (a MariaDB DATETIME literal).
   */
  public void insert(DatabaseServer shard, String table, String status, String created) {
    pool(shard)
        .query(
            "INSERT INTO "
                + table
                + " (sid, account_sid, status, date_created, date_updated, version) VALUES"
                + " (CONCAT('"
                + (table.equals("calls") ? "CA" : "SM")
                + "', MD5(RAND())), 'AC00000000000000000000000000000001', '"
                + status
                + "', '"
                + created
                + "', '"
                + created
                + "', 1)")
        .execute()
        .await()
        .atMost(WAIT);
  }

  @Override
  public void close() {
    pools.forEach(Pool::closeAndAwait);
    control.close();
  }
}
