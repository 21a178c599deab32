package io.flightdeck.postflight.store;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.mysqlclient.MySQLBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mysqlclient.MySQLConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * The shard catalogue at run time: one reactive pool per shard, built from the catalogue when the
 * service starts, after each shard's schema is migrated to the current version. Thread-safe.
 */
@ApplicationScoped
public class Shards {
  private static final Logger LOG = Logger.getLogger(Shards.class);

  private final ShardConfig config;
  private final Vertx vertx;
  private final Map<String, Pool> pools = new TreeMap<>();
  private final Set<String> migrated = ConcurrentHashMap.newKeySet();

  public Shards(ShardConfig config, Vertx vertx) {
    this.config = config;
    this.vertx = vertx;
  }

  void start(@Observes StartupEvent event) {
    config.shards().forEach(this::open);
  }

  private synchronized void open(String id, ShardConfig.Shard shard) {
    migrate(id, shard);
    MySQLConnectOptions connect =
        new MySQLConnectOptions()
            .setHost(shard.host())
            .setPort(shard.port())
            .setUser(shard.user())
            .setPassword(shard.password())
            .setDatabase(shard.database())
            .setPipeliningLimit(16);
    PoolOptions pool = new PoolOptions().setMaxSize(shard.poolSize()).setName("shard-pool-" + id);
    pools.put(id, MySQLBuilder.pool().with(pool).connectingTo(connect).using(vertx).build());
  }

  /** Retries the schema migration of every shard that was down when the service started. */
  @Scheduled(every = "5s", delayed = "5s")
  void migrateShardsThatWereDown() {
    config.shards().forEach((id, shard) -> {
      if (!migrated.contains(id)) {
        migrate(id, shard);
      }
    });
  }

  /**
   * Brings the shard's schema to the current version. A shard that is down at start-up is skipped
   * with a warning (and retried); its pool exists all the same, so it serves once it is back.
   */
  private void migrate(String id, ShardConfig.Shard shard) {
    String url =
        "jdbc:mariadb://%s:%d/%s?createDatabaseIfNotExist=true"
            .formatted(shard.host(), shard.port(), shard.database());
    try {
      Flyway.configure()
          .dataSource(url, shard.user(), shard.password())
          .locations("classpath:db/shard")
          .load()
          .migrate();
      migrated.add(id);
    } catch (RuntimeException e) {
      LOG.warnf("shard %s: schema migration failed (%s); its accounts wait until it is back", id, e.getMessage());
    }
  }

  public synchronized Optional<Pool> pool(String shard) {
    return Optional.ofNullable(pools.get(shard));
  }

  /** Whether the shard's schema is current (it may still be down now). */
  public boolean migrated(String shard) {
    return migrated.contains(shard);
  }

  public synchronized List<String> ids() {
    return List.copyOf(pools.keySet());
  }
}
