package io.flightdeck.postflight.store;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.mysqlclient.MySQLBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mysqlclient.MySQLConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The shard catalogue at run time: one reactive pool per shard primary, and a small one per replica
 * that serves reads ({@link #replicas}), built at run time from the catalogue's entries ({@link
 * #open}, called by the control plane once it has read the catalogue), after each shard's schema is
 * migrated to the current version. Thread-safe.
 */
@ApplicationScoped
public class Shards {
  private static final Logger LOG = Logger.getLogger(Shards.class);

  /** How long a replaced pool keeps the work it has started before it is closed. */
  public static final Duration DRAIN = Duration.ofSeconds(5);

  private final Vertx vertx;
  private final Duration maxLifetime;
  private final Map<String, ShardDefinition> definitions = new TreeMap<>();
  private final Map<String, Pool> pools = new TreeMap<>();
  private final Set<String> migrated = ConcurrentHashMap.newKeySet();
  private final ReplicaPools replicas;
  private final ShardSchema schema;

  /**
   * With connections that live 60 s at most, replica pools of 4 and the service's own migrations
   * (tests that build the service's objects by hand).
   */
  public Shards(Vertx vertx) {
    this(vertx, Duration.ofSeconds(60), 4, ShardSchema.standard());
  }

  @Inject
  public Shards(Vertx vertx, ShardPoolConfig config, ReplicaConfig replicas, ShardSchema schema) {
    this(vertx, config.maxLifetime(), replicas.poolSize(), schema);
  }

  private Shards(Vertx vertx, Duration maxLifetime, int replicaPoolSize, ShardSchema schema) {
    this.vertx = vertx;
    this.maxLifetime = maxLifetime;
    this.replicas = new ReplicaPools(vertx, replicaPoolSize);
    this.schema = schema;
  }

  /** The shards' reads replicas, their pools and whether each serves reads. */
  public ReplicaPools replicas() {
    return replicas;
  }

  /**
   * Migrates the shard's schema (a shard that is down is retried later) and opens its pool. Opening
   * a shard that is open already with the same definition does nothing; with another definition
   * (another server, pool size or session generation) the new pool replaces the old one, which is
   * closed after {@link #DRAIN}. Blocking (the migration): never call it on the event loop. The
   * migration runs outside the lock, so routing goes on meanwhile.
   */
  public void open(ShardDefinition shard) {
    synchronized (this) {
      if (shard.equals(definitions.get(shard.id()))) {
        return;
      }
    }
    migrated.remove(shard.id());
    migrate(shard);
    PoolOptions options =
        new PoolOptions()
            .setMaxSize(shard.poolSize())
            .setName("shard-pool-" + shard.id())
            // Sessions renew, so a changed global setting (a split's auto_increment_*) reaches
            // every connection of every instance within this bound.
            .setMaxLifetime((int) maxLifetime.toMillis())
            .setMaxLifetimeUnit(TimeUnit.MILLISECONDS);
    MySQLConnectOptions connect = shard.primary().servingOptions();
    String session = shard.sessions().statement();
    Pool pool =
        MySQLBuilder.pool()
            .with(options)
            .connectingTo(connect)
            .withConnectHandler(conn -> numbered(shard.id(), conn, session))
            .using(vertx)
            .build();
    Pool previous;
    synchronized (this) {
      previous = pools.put(shard.id(), pool);
      definitions.put(shard.id(), shard);
      replicas.open(shard);
    }
    if (previous != null) {
      // Work in flight on the old pool ends on it; only new work takes the new pool.
      vertx.setTimer(DRAIN.toMillis(), timer -> previous.closeAndForget());
    }
    LOG.infof(
        "shard %s: pool open to %s (sessions %s)", shard.id(), shard.primary(), shard.sessions());
  }

  /**
   * Sets a new session's id numbering (a server's global values are lost when it restarts), then
   * hands the connection to the pool. A session the statement fails on is handed over all the same,
   * with a warning: it numbers ids by the server's global values.
   */
  private static void numbered(String shard, SqlConnection conn, String session) {
    conn.query(session)
        .execute()
        .subscribe()
        .with(
            done -> conn.closeAndForget(),
            failure -> {
              LOG.warnf("shard %s: a new session refused %s (%s)", shard, session, failure);
              conn.closeAndForget();
            });
  }

  /**
   * Makes the open shards exactly the catalogue's: opens the new or changed ones, closes those the
   * catalogue no longer holds. Blocking, like {@link #open}.
   */
  public void follow(List<ShardDefinition> catalogue) {
    catalogue.forEach(this::open);
    Set<String> kept = new HashSet<>();
    catalogue.forEach(shard -> kept.add(shard.id()));
    List<Pool> closed = new ArrayList<>();
    synchronized (this) {
      for (String id : List.copyOf(pools.keySet())) {
        if (!kept.contains(id)) {
          closed.add(pools.remove(id));
          definitions.remove(id);
          migrated.remove(id);
          replicas.close(id);
          LOG.infof("shard %s: left the catalogue, pool closed", id);
        }
      }
    }
    closed.forEach(Pool::closeAndForget);
  }

  /** Retries the schema migration of every shard that was down when it was opened. */
  @Scheduled(every = "5s", delayed = "5s")
  void migrateShardsThatWereDown() {
    List<ShardDefinition> shards;
    synchronized (this) {
      shards = List.copyOf(definitions.values());
    }
    shards.stream().filter(s -> !migrated.contains(s.id())).forEach(this::migrate);
  }

  /**
   * Brings the shard's schema to the current version, short of rolling migrations ({@link
   * ShardSchema#migrateServing}). A shard that is down is skipped with a warning (and retried); its
   * pool exists all the same, so it serves once it is back.
   */
  private void migrate(ShardDefinition shard) {
    try {
      schema.migrateServing(shard.primary());
      migrated.add(shard.id());
    } catch (RuntimeException e) {
      LOG.warnf(
          "shard %s: schema migration failed (%s); its accounts wait until it is back",
          shard.id(), e.getMessage());
    }
  }

  public synchronized Optional<Pool> pool(String shard) {
    return Optional.ofNullable(pools.get(shard));
  }

  /**
   * Runs {@code work} with a pool to the shard's primary: this instance's pool when the shard is
   * open here with this very definition, else a pool of one connection opened for the work and
   * closed when it ends. So work that reads the catalogue itself (partition upkeep, shard
   * operations) reaches a shard added to the catalogue after start-up, without opening it for
   * routing.
   */
  public <T> Uni<T> withPool(ShardDefinition shard, Function<Pool, Uni<T>> work) {
    Pool open;
    synchronized (this) {
      open = shard.equals(definitions.get(shard.id())) ? pools.get(shard.id()) : null;
    }
    if (open != null) {
      return work.apply(open);
    }
    Pool temporary =
        MySQLBuilder.pool()
            .with(
                new PoolOptions().setMaxSize(1).setName("shard-pool-" + shard.id() + "-temporary"))
            .connectingTo(shard.primary().connectOptions())
            .using(vertx)
            .build();
    return Uni.createFrom().deferred(() -> work.apply(temporary)).eventually(temporary::close);
  }

  /** Whether the shard's schema is current (it may still be down now). */
  public boolean migrated(String shard) {
    return migrated.contains(shard);
  }

  public synchronized List<String> ids() {
    return List.copyOf(pools.keySet());
  }

  @PreDestroy
  synchronized void close() {
    pools.values().forEach(Pool::closeAndForget);
    pools.clear();
    replicas.closeAll();
  }
}
