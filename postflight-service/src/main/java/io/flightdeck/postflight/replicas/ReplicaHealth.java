package io.flightdeck.postflight.replicas;

import io.flightdeck.postflight.control.ControlConfig;
import io.flightdeck.postflight.control.ControlPlane;
import io.flightdeck.postflight.control.ReplicaStates;
import io.flightdeck.postflight.operations.pivot.PivotConfig;
import io.flightdeck.postflight.replicas.ReplicaProbe.Verdict;
import io.flightdeck.postflight.store.DatabaseServer;
import io.flightdeck.postflight.store.ReplicaConfig;
import io.flightdeck.postflight.store.ReplicaPools;
import io.flightdeck.postflight.store.ReplicaPools.Reader;
import io.flightdeck.postflight.store.ReplicaPools.ReplicaKey;
import io.flightdeck.postflight.store.ServingState;
import io.flightdeck.postflight.store.Shards;
import io.flightdeck.postflight.topology.ServerProbe;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Probes every reads replica of every open shard every {@link ReplicaConfig#checkInterval} on every
 * instance ({@link ReplicaProbe}), and moves its {@link ServingState}:
 *
 * <ul>
 *   <li>unhealthy (a thread stopped, lag past {@link ReplicaConfig#maxLag}, no answer): this
 *       instance stops reading it at once, and any instance that finds it {@code serving} or {@code
 *       catching-up} marks it {@code out}, which every instance sees within a poll;
 *   <li>healthy and {@code out}: {@code catching-up} (every confirmation waits for it from then);
 *   <li>healthy, {@code catching-up} for longer than {@link ControlPlane#changeNotice}, and caught
 *       up with a position read after that notice: {@code serving}. Every record confirmed without
 *       waiting for it was committed before that position, so it has them all.
 * </ul>
 *
 * A replica found writable while it replicates the shard's primary ({@code read_only} lost in a
 * restart: the server does not persist it) gets {@code read_only=1} again, set as the server admin
 * user ({@link PivotConfig#serverAdminUser}), the user pivots set it with.
 */
@ApplicationScoped
public class ReplicaHealth {
  private static final Logger LOG = Logger.getLogger(ReplicaHealth.class);

  private final Shards shards;
  private final ReplicaStates states;
  private final ReplicaConfig config;
  private final Duration notice;
  private final PivotConfig admin;
  private final ServerProbe probe;
  private final ReplicaGauges gauges;
  private final Vertx vertx;
  private final Set<ReplicaKey> probing = ConcurrentHashMap.newKeySet();
  private final Map<ReplicaKey, String> lastReason = new ConcurrentHashMap<>();
  private volatile long timer = -1;

  public ReplicaHealth(
      Shards shards,
      ReplicaStates states,
      ReplicaConfig config,
      ControlConfig control,
      PivotConfig admin,
      ServerProbe probe,
      ReplicaGauges gauges,
      Vertx vertx) {
    this.shards = shards;
    this.states = states;
    this.config = config;
    this.notice = ControlPlane.changeNotice(control.pollInterval());
    this.admin = admin;
    this.probe = probe;
    this.gauges = gauges;
    this.vertx = vertx;
  }

  void start(@Observes StartupEvent event) {
    timer = vertx.setPeriodic(config.checkInterval().toMillis(), id -> checkAll());
  }

  void stop(@Observes ShutdownEvent event) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** Starts a probe of every reads replica whose last probe has ended. */
  void checkAll() {
    ReplicaPools replicas = shards.replicas();
    gauges.follow(replicas);
    for (Reader reader : replicas.all()) {
      Optional<Pool> primary = shards.pool(reader.shard());
      if (primary.isPresent() && probing.add(reader.key())) {
        check(reader, primary.get())
            .eventually(() -> probing.remove(reader.key()))
            .subscribe()
            .with(
                done -> {},
                e -> LOG.debugf("replica %s: health check failed: %s", reader.key(), e));
      }
    }
  }

  private Uni<Void> check(Reader reader, Pool primary) {
    Instant started = Instant.now();
    return ReplicaProbe.probe(reader, primary, config.maxLag())
        .chain(verdict -> act(reader, verdict, started));
  }

  private Uni<Void> act(Reader reader, Verdict verdict, Instant started) {
    ReplicaKey key = reader.key();
    shards.replicas().health(key, verdict.healthy());
    gauges.lag(key, verdict.lagSeconds());
    String before = lastReason.put(key, verdict.reason());
    if (!verdict.reason().equals(before) && (!verdict.healthy() || before != null)) {
      LOG.infof("replica %s: %s", key, verdict.reason());
    }
    ServingState state = shards.replicas().seen(key).state();
    Instant since = shards.replicas().seen(key).since();
    Uni<Boolean> moved;
    if (!verdict.healthy() && state.awaited()) {
      moved = states.move(key, state, ServingState.OUT, Duration.ZERO);
    } else if (verdict.healthy() && state == ServingState.OUT) {
      moved = states.move(key, state, ServingState.CATCHING_UP, Duration.ZERO);
    } else if (verdict.healthy()
        && state == ServingState.CATCHING_UP
        && started.isAfter(since.plus(notice))) {
      moved = states.move(key, state, ServingState.SERVING, notice);
    } else {
      moved = Uni.createFrom().item(false);
    }
    // Only a server that replicates the primary: a pivot's candidate, once promoted, has no link
    // and takes writes while the catalogue may still list it as a replica.
    Uni<Void> readOnly =
        verdict.readOnly().orElse(true) || !verdict.linked()
            ? Uni.createFrom().voidItem()
            : readOnlyAgain(reader);
    return moved
        .onFailure()
        .recoverWithItem(
            e -> {
              LOG.debugf("replica %s: state not moved (%s)", key, e.getMessage());
              return false;
            })
        .chain(() -> readOnly);
  }

  private Uni<Void> readOnlyAgain(Reader reader) {
    if (admin.serverAdminUser().isEmpty()) {
      LOG.warnf(
          "replica %s is writable and no flightdeck.postflight.pivot.server-admin-user is set to"
              + " make it read_only",
          reader.key());
      return Uni.createFrom().voidItem();
    }
    DatabaseServer server = reader.replica().server();
    DatabaseServer asAdmin =
        new DatabaseServer(
            server.host(),
            server.port(),
            admin.serverAdminUser().get(),
            admin.serverAdminPassword().orElse(""),
            server.database());
    LOG.warnf("replica %s was writable (restarted?): read_only set again", reader.key());
    return probe
        .on(asAdmin, pool -> pool.query("SET GLOBAL read_only = 1").execute())
        .replaceWithVoid()
        .onFailure()
        .recoverWithItem(
            e -> {
              LOG.warnf("replica %s: read_only could not be set: %s", reader.key(), e.getMessage());
              return null;
            });
  }
}
