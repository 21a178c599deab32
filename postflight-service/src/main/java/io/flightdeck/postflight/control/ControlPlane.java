package io.flightdeck.postflight.control;

import io.flightdeck.postflight.routing.MapKind;
import io.flightdeck.postflight.routing.MapVersion;
import io.flightdeck.postflight.routing.Routing;
import io.flightdeck.postflight.routing.ShardMap;
import io.flightdeck.postflight.store.ShardConfig;
import io.flightdeck.postflight.store.ShardDefinition;
import io.flightdeck.postflight.store.Shards;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.flywaydb.core.api.FlywayException;
import org.jboss.logging.Logger;

/**
 * Brings this instance's routing from the control database and keeps it current.
 *
 * <p>At start-up, before the Kafka consumer starts (so no event is routed before the maps are
 * known): migrates the control schema, seeds the catalogue and both maps at a first start (the
 * configured shards, the keyspace cut evenly between them), opens a pool per catalogue shard and
 * puts the latest maps in force. Then, every {@link ControlConfig#pollInterval()}, it reads the
 * latest version of each map (one index-only query) and puts a newer one in force. The admin API
 * only writes to the control database: this instance learns of a change the way every other
 * instance does, by this poll. While the control database is unreachable the last maps stay in
 * force and readiness says so.
 */
@ApplicationScoped
public class ControlPlane {
  private static final Logger LOG = Logger.getLogger(ControlPlane.class);
  private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(10);

  /**
   * How many poll intervals old a view may be for the instance to confirm records, and at least
   * {@link #CONFIRMING_VIEW_FLOOR} (a slow poll or a pause of the process must not hold every
   * confirmation).
   */
  public static final int CONFIRMING_VIEW_POLLS = 3;

  public static final Duration CONFIRMING_VIEW_FLOOR = Duration.ofSeconds(2);

  private final ControlConfig config;
  private final ControlDatabase db;
  private final ShardCatalogue catalogue;
  private final ShardMapStore maps;
  private final ReplicaStates replicaStates;
  private final ShardConfig seed;
  private final Shards shards;
  private final Routing routing;
  private final Vertx vertx;
  private final AtomicBoolean polling = new AtomicBoolean();
  private volatile Instant lastPoll;
  private volatile String pollProblem;
  private volatile long timer = -1;
  private volatile long catalogueVersion = -1;

  public ControlPlane(
      ControlConfig config,
      ControlDatabase db,
      ShardCatalogue catalogue,
      ShardMapStore maps,
      ReplicaStates replicaStates,
      ShardConfig seed,
      Shards shards,
      Routing routing,
      Vertx vertx) {
    this.config = config;
    this.db = db;
    this.catalogue = catalogue;
    this.maps = maps;
    this.replicaStates = replicaStates;
    this.seed = seed;
    this.shards = shards;
    this.routing = routing;
    this.vertx = vertx;
  }

  /** Runs before SmallRye Reactive Messaging starts its consumers (priority 1000). */
  void start(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE - 1) StartupEvent event) {
    migrateWhenReachable();
    if (catalogue.seedOnce(ShardConfig.definitions(seed)).await().atMost(QUERY_TIMEOUT)) {
      LOG.infof("control database %s: catalogue seeded from configuration", db.describe());
    }
    // The version before the catalogue: a change in between is seen again by the next poll.
    long version = catalogue.version().await().atMost(QUERY_TIMEOUT);
    List<ShardDefinition> catalogued = catalogue.all().await().atMost(QUERY_TIMEOUT);
    if (catalogued.isEmpty()) {
      throw new IllegalStateException(
          "the shard catalogue in "
              + db.describe()
              + " is empty and no flightdeck.postflight.shards are configured");
    }
    shards.follow(catalogued);
    shards.replicas().follow(replicaStates.all().await().atMost(QUERY_TIMEOUT));
    routing.followReplication(catalogue.replication().await().atMost(QUERY_TIMEOUT));
    catalogueVersion = version;
    ShardMap initial = ShardMap.evenly(catalogued.stream().map(ShardDefinition::id).toList());
    for (MapKind kind : MapKind.values()) {
      if (maps.seedOnce(kind, initial).await().atMost(QUERY_TIMEOUT)) {
        LOG.infof(
            "control database %s: %s map version 1 seeded, the keyspace cut evenly",
            db.describe(), kind);
      }
    }
    poll().await().atMost(QUERY_TIMEOUT);
    timer =
        vertx.setPeriodic(
            config.pollInterval().toMillis(), id -> poll().subscribe().with(done -> {}, e -> {}));
  }

  void stop(@Observes ShutdownEvent event) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void migrateWhenReachable() {
    Instant deadline = Instant.now().plus(config.startupWait());
    while (true) {
      try {
        db.migrate();
        return;
      } catch (FlywayException e) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(
              "control database " + db.describe() + " unreachable for " + config.startupWait(), e);
        }
        LOG.warnf(
            "control database %s: not ready (%s); routing waits for it",
            db.describe(), e.getMessage());
        try {
          Thread.sleep(1000);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(
              "interrupted while waiting for the control database", interrupted);
        }
      }
    }
  }

  /**
   * Follows a changed catalogue (pools opened and closed, which shard replicates from which), then
   * puts in force any map version newer than this instance's; one poll at a time. The catalogue
   * first: a map naming a new shard finds its pool open.
   */
  Uni<Void> poll() {
    if (!polling.compareAndSet(false, true)) {
      return Uni.createFrom().voidItem();
    }
    Instant started = Instant.now();
    return followCatalogue()
        .chain(maps::latestVersions)
        .onItem()
        .transformToMulti(latest -> Multi.createFrom().iterable(latest.entrySet()))
        .filter(this::newer)
        .onItem()
        .transformToUniAndConcatenate(e -> maps.load(e.getKey(), e.getValue()))
        .invoke(loaded -> loaded.ifPresent(this::putInForce))
        .collect()
        .last()
        .invoke(
            () -> {
              lastPoll = started;
              pollProblem = null;
              shards.replicas().viewRead(started, confirmingViewAge(config.pollInterval()));
            })
        .onFailure()
        .invoke(
            e -> {
              if (pollProblem == null) {
                LOG.warnf(
                    "control database %s: cannot read the shard maps (%s); the maps in force stay",
                    db.describe(), e.getMessage());
              }
              pollProblem = String.valueOf(e.getMessage());
            })
        .replaceWithVoid()
        .eventually(() -> polling.set(false));
  }

  private Uni<Void> followCatalogue() {
    return catalogue
        .version()
        .chain(
            version ->
                version == catalogueVersion
                    ? Uni.createFrom().voidItem()
                    : catalogue
                        .all()
                        .emitOn(Infrastructure.getDefaultWorkerPool())
                        .invoke(shards::follow)
                        .chain(replicaStates::all)
                        .invoke(shards.replicas()::follow)
                        .chain(states -> catalogue.replication())
                        .invoke(routing::followReplication)
                        .invoke(
                            () -> {
                              LOG.infof("catalogue version %d followed", version);
                              catalogueVersion = version;
                            })
                        .replaceWithVoid());
  }

  private boolean newer(Map.Entry<MapKind, Long> latest) {
    return routing.inForce(latest.getKey()).map(m -> m.version() < latest.getValue()).orElse(true);
  }

  private void putInForce(MapVersion map) {
    if (routing.apply(map)) {
      LOG.infof("%s map version %d in force", map.kind(), map.version());
    }
  }

  /**
   * When the catalogue and the maps were last read successfully (when that read began); empty
   * before the first time.
   */
  public Optional<Instant> lastPoll() {
    return Optional.ofNullable(lastPoll);
  }

  /**
   * Whether this instance's view of the catalogue and the maps is recent enough for it to confirm
   * stored records: read within {@link #confirmingViewAge}. A split announces a target's
   * replication that long (and more) before it moves reads there, so an instance that confirms
   * knows which shards replicate from the one it wrote, and holds those confirmations until the
   * replicas have the record (No amnesia); an instance cut off from the control database keeps
   * routing by its last maps, but holds its confirmations until it reads them again.
   */
  public boolean viewFreshEnoughToConfirm() {
    Instant read = lastPoll;
    return read != null
        && read.plus(confirmingViewAge(config.pollInterval())).isAfter(Instant.now());
  }

  /** How old a view may be for the instance to confirm records, polling every {@code poll}. */
  public static Duration confirmingViewAge(Duration poll) {
    Duration polls = poll.multipliedBy(CONFIRMING_VIEW_POLLS);
    return polls.compareTo(CONFIRMING_VIEW_FLOOR) > 0 ? polls : CONFIRMING_VIEW_FLOOR;
  }

  /**
   * How long a change every instance must have seen before it is relied on (a replica's {@code
   * catching-up} before it serves, its {@code out} before confirmations stop waiting for it) takes
   * to reach them: as long as a view may be old for an instance to confirm records or read from a
   * replica ({@link #confirmingViewAge}), plus one poll interval and a second of margin (the same
   * notice a split gives before it moves reads).
   */
  public static Duration changeNotice(Duration poll) {
    return confirmingViewAge(poll).plus(poll).plus(Duration.ofSeconds(1));
  }

  /** Why the last poll failed; empty when it succeeded. */
  public Optional<String> pollProblem() {
    return Optional.ofNullable(pollProblem);
  }

  public Duration pollInterval() {
    return config.pollInterval();
  }
}
