package io.flightdeck.inflight.nodes;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.mysqlclient.MySQLBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.mysqlclient.MySQLConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * The versioned slot map ({@link Slots}), kept in the control database in inflight-service's own
 * schema: brought up to date with the configured nodes at start-up (one transaction under the map
 * row's lock, so instances starting together agree), then read again every {@code
 * flightdeck.inflight.control.poll-interval}. Requests use the last map read; while none was, they
 * answer 503. Once read, the map outlives an outage of the control database: it only ever grows.
 */
@ApplicationScoped
public class SlotMap {
  private static final Logger LOG = Logger.getLogger(SlotMap.class);

  private static final String OWNERS =
      "SELECT slot, node FROM slot_owner ORDER BY slot, since_version DESC";

  private final NodesConfig.Control config;
  private final Set<String> configured;
  private final Pool pool;
  private final AtomicReference<Slots> current = new AtomicReference<>();
  private volatile boolean prepared;
  private volatile String problem = "not read yet";

  public SlotMap(NodesConfig config, Vertx vertx) {
    this.config = config.control();
    this.configured = Set.copyOf(config.nodes().keySet());
    this.pool =
        MySQLBuilder.pool()
            .with(new PoolOptions().setMaxSize(2).setName("inflight-control-pool"))
            .connectingTo(
                new MySQLConnectOptions()
                    .setHost(this.config.host())
                    .setPort(this.config.port())
                    .setUser(this.config.user())
                    .setPassword(this.config.password())
                    .setDatabase(this.config.database())
                    .setConnectTimeout(2000))
            .using(vertx)
            .build();
  }

  /** The map as last read; empty until the control database answered once. */
  public Optional<Slots> slots() {
    return Optional.ofNullable(current.get());
  }

  /** Why there is no map yet, while there is none. */
  public String problem() {
    return problem;
  }

  /** The first read, before the service takes requests (each tick after it, if it failed). */
  void onStart(@Observes StartupEvent event) {
    refresh();
  }

  /**
   * Creates the schema, gives the configured nodes their slots if the map lacks any, and reads it;
   * until all that succeeded once, every tick tries again. Blocking: the scheduler's worker thread.
   */
  @Scheduled(
      every = "${flightdeck.inflight.control.poll-interval:1s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void refresh() {
    try {
      if (!prepared) {
        Flyway.configure()
            .dataSource(jdbcUrl(), config.user(), config.password())
            .locations("classpath:db/inflight-control")
            .load()
            .migrate();
        assign().await().indefinitely();
        prepared = true;
      }
      Slots read = read(pool).await().indefinitely();
      Slots before = current.getAndSet(read);
      if (before == null || before.version() != read.version()) {
        LOG.infof("in-flight slot map version %d: %s", read.version(), read.owned());
      }
    } catch (RuntimeException e) {
      problem = "the control database " + describe() + " is unreachable: " + e.getMessage();
      LOG.warnf("in-flight slot map not read, will retry: %s", e.getMessage());
    }
  }

  /** Gives every configured node that has no slot its share, in one transaction. */
  private Uni<Void> assign() {
    return pool.withTransaction(
        connection ->
            connection
                .query("SELECT version FROM slot_map WHERE id = 1 FOR UPDATE")
                .execute()
                .flatMap(
                    locked -> {
                      long version = locked.iterator().next().getLong(0);
                      return read(connection, version)
                          .flatMap(slots -> write(connection, slots, version + 1));
                    }));
  }

  private Uni<Void> write(SqlConnection connection, Slots slots, long next) {
    Map<Integer, String> changes = SlotAssignment.changes(slots, configured);
    if (changes.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    List<Tuple> rows = new ArrayList<>();
    changes.forEach((slot, node) -> rows.add(Tuple.of(slot, next, node)));
    return connection
        .preparedQuery("INSERT INTO slot_owner (slot, since_version, node) VALUES (?, ?, ?)")
        .executeBatch(rows)
        .chain(
            () ->
                connection
                    .preparedQuery("UPDATE slot_map SET version = ? WHERE id = 1")
                    .execute(Tuple.of(next)))
        .invoke(() -> LOG.infof("in-flight slot map version %d: slots given %s", next, changes))
        .replaceWithVoid();
  }

  private static Uni<Slots> read(Pool pool) {
    return pool.withTransaction(
        connection ->
            connection
                .query("SELECT version FROM slot_map WHERE id = 1")
                .execute()
                .flatMap(version -> read(connection, version.iterator().next().getLong(0))));
  }

  private static Uni<Slots> read(SqlConnection connection, long version) {
    return connection.query(OWNERS).execute().map(rows -> slots(version, rows));
  }

  private static Slots slots(long version, RowSet<Row> rows) {
    List<List<String>> owners = new ArrayList<>(Slots.COUNT);
    for (int slot = 0; slot < Slots.COUNT; slot++) {
      owners.add(new ArrayList<>());
    }
    for (Row row : rows) {
      int slot = row.getInteger("slot");
      if (slot >= 0 && slot < Slots.COUNT) {
        owners.get(slot).add(row.getString("node"));
      }
    }
    return new Slots(version, owners);
  }

  private String jdbcUrl() {
    return "jdbc:mariadb://%s:%d/%s?connectTimeout=5000&createDatabaseIfNotExist=true"
        .formatted(config.host(), config.port(), config.database());
  }

  private String describe() {
    return "%s:%d/%s".formatted(config.host(), config.port(), config.database());
  }

  @PreDestroy
  void close() {
    pool.closeAndForget();
  }
}
