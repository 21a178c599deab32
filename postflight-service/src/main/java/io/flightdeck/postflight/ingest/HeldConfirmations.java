package io.flightdeck.postflight.ingest;

import io.flightdeck.postflight.control.ControlPlane;
import io.flightdeck.postflight.ingest.StorableRecords.Storable;
import io.flightdeck.postflight.routing.Routing;
import io.flightdeck.postflight.store.Shards;
import io.flightdeck.record.LifecycleRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Confirms stored records on {@code records.persisted} only once readers can see them (No amnesia):
 * inflight-service deletes its copy on the confirmation, so a record must be visible post-flight
 * first. A record is visible at once when the read map sends its account to the shard it was
 * written on and no shard replicates from that one (the steady state: no extra round trip). During
 * a shard split, reads move to the target while writes still go to the source, which the target
 * replicates; then the confirmation waits until the target has applied the commit: the source's
 * {@code @@gtid_binlog_pos} read after the commit, waited for on the target with {@code
 * MASTER_GTID_WAIT} for at most {@code replica-wait}.
 *
 * <p>Waited for are the shard the read map names, when it is not the one written, and every shard
 * the catalogue says replicates from the one written ({@link Routing#replicasOf}), whatever the
 * read map says: maps reach each instance by its own poll, so an instance that has not yet seen the
 * moved read map would otherwise confirm at once while readers that have already read the target.
 * The catalogue records the replication before the read map moves ({@code move-reads} waits until
 * every instance has had the time to see it), so every instance holds such records.
 *
 * <p>The position rather than the commit's own GTID ({@code @@last_gtid}): a replayed record's
 * upsert changes nothing and logs no transaction, and its session's last GTID would then be an
 * older transaction's, not the one that stored the record. The position covers every commit before
 * it, the original one included.
 *
 * <p>An instance whose view of the catalogue and the maps is older than {@link
 * ControlPlane#CONFIRMING_VIEW_POLLS} poll intervals (the control database away) confirms nothing:
 * it may not know that a split has begun to replicate the shard it writes and to move reads, so
 * every record it stores waits on the retry topic ({@link #CONTROL_DATABASE}) until it reads the
 * maps again. Writes go on by the last maps; only in-flight's deletions wait.
 *
 * <p>Before any of that, the written shard's own reads replicas that are {@code catching-up} or
 * {@code serving} must have applied the commit ({@link ReplicaWaits}), or the whole part waits on
 * the retry topic the same way.
 *
 * <p>A record not applied in time by every shard it waits for is not confirmed: it goes to the
 * retry topic without counting an attempt (it is stored; only its confirmation waits), is stored
 * again there (a no-op) and waits again, so it is never dead-lettered for this. A shard that timed
 * out is not waited for again for {@code retry-delay}: its records go straight to the retry topic,
 * so a stopped replication slows no batch down.
 */
@ApplicationScoped
public class HeldConfirmations {
  private static final Logger LOG = Logger.getLogger(HeldConfirmations.class);

  /** What confirmations wait for while this instance cannot read the shard maps. */
  static final String CONTROL_DATABASE = "control-database";

  private final Routing routing;
  private final Shards shards;
  private final Confirmations confirmations;
  private final RetryTopic retryTopic;
  private final IngestConfig config;
  private final ReplicaWaits replicaWaits;
  private final Map<String, Instant> lagging = new ConcurrentHashMap<>();
  private final ControlPlane control;
  private final AtomicBoolean holdingForControl = new AtomicBoolean();

  public HeldConfirmations(
      Routing routing,
      Shards shards,
      Confirmations confirmations,
      RetryTopic retryTopic,
      IngestConfig config,
      ControlPlane control,
      ReplicaWaits replicaWaits) {
    this.replicaWaits = replicaWaits;
    this.control = control;
    this.routing = routing;
    this.shards = shards;
    this.confirmations = confirmations;
    this.retryTopic = retryTopic;
    this.config = config;
  }

  /**
   * Confirms the part just committed on {@code shard} (through {@code pool}) as far as readers see
   * it, and sets the rest aside; completes when each record is confirmed or on the retry topic.
   */
  Uni<Void> confirm(String shard, Pool pool, List<Storable> part) {
    if (!control.viewFreshEnoughToConfirm()) {
      if (!holdingForControl.getAndSet(true)) {
        LOG.warnf(
            "the shard maps were last read at %s: confirmations wait on the retry topic until the"
                + " control database answers again (a split may be moving reads)",
            control.lastPoll().map(Instant::toString).orElse("start-up"));
      }
      return setAside(CONTROL_DATABASE, part);
    }
    if (holdingForControl.getAndSet(false)) {
      LOG.info("the shard maps are read again: confirmations go out");
    }
    if (!replicaWaits.any(shard)) {
      return confirmAcrossShards(shard, pool, part);
    }
    return position(pool)
        .chain(position -> replicaWaits.holding(shard, position, part.size()))
        .chain(
            held ->
                held.isPresent()
                    ? setAside(held.get(), part)
                    : confirmAcrossShards(shard, pool, part));
  }

  /** The primary's position, read after the commit: it covers the commit (empty: unknown). */
  private static Uni<Optional<String>> position(Pool pool) {
    return pool.query("SELECT @@gtid_binlog_pos")
        .execute()
        .map(rows -> Optional.ofNullable(rows.iterator().next().getString(0)))
        .onFailure()
        .recoverWithItem(Optional.empty());
  }

  /**
   * Confirms what readers of the shards the part concerns see (the written shard, the read shard,
   * the shards that replicate the written one), and sets the rest aside.
   */
  private Uni<Void> confirmAcrossShards(String shard, Pool pool, List<Storable> part) {
    List<String> replicas = routing.replicasOf(shard);
    List<LifecycleRecord> visible = new ArrayList<>();
    Map<Set<String>, List<Storable>> byAwaited = new LinkedHashMap<>();
    for (Storable storable : part) {
      Set<String> awaited = new LinkedHashSet<>(replicas);
      routing
          .readShard(storable.record().accountSid())
          .filter(reads -> !reads.equals(shard))
          .ifPresent(awaited::add);
      if (awaited.isEmpty()) {
        visible.add(storable.record());
      } else {
        byAwaited.computeIfAbsent(awaited, s -> new ArrayList<>()).add(storable);
      }
    }
    Uni<Void> confirmed = confirmations.confirm(visible);
    if (byAwaited.isEmpty()) {
      return confirmed;
    }
    return confirmed.chain(
        () ->
            position(pool)
                .chain(
                    position ->
                        Uni.join()
                            .all(
                                byAwaited.entrySet().stream()
                                    .map(e -> whenApplied(e.getKey(), e.getValue(), position))
                                    .toList())
                            .andFailFast()
                            .replaceWithVoid()));
  }

  /**
   * Confirms {@code held} once every awaited shard has applied the position, else sets it aside.
   */
  private Uni<Void> whenApplied(
      Set<String> awaited, List<Storable> held, Optional<String> position) {
    List<String> ordered = List.copyOf(awaited);
    return Uni.join()
        .all(ordered.stream().map(s -> applied(s, position, held.size())).toList())
        .andFailFast()
        .chain(
            applied -> {
              for (int i = 0; i < ordered.size(); i++) {
                if (!applied.get(i)) {
                  return setAside(ordered.get(i), held);
                }
              }
              return confirmations.confirm(held.stream().map(Storable::record).toList());
            });
  }

  private Uni<Boolean> applied(String awaited, Optional<String> position, int held) {
    Instant until = lagging.get(awaited);
    Optional<Pool> awaitedPool = shards.pool(awaited);
    if (position.isEmpty()
        || awaitedPool.isEmpty()
        || (until != null && Instant.now().isBefore(until))) {
      return Uni.createFrom().item(false);
    }
    double seconds = config.replicaWait().toMillis() / 1000.0;
    return awaitedPool
        .get()
        .preparedQuery("SELECT MASTER_GTID_WAIT(?, ?)")
        .execute(Tuple.of(position.get(), seconds))
        .map(rows -> rows.iterator().next().getInteger(0) == 0)
        .onFailure()
        .recoverWithItem(false)
        .invoke(
            ok -> {
              if (ok) {
                lagging.remove(awaited);
              } else {
                LOG.infof(
                    "shard %s has not applied position %s within %s: %d confirmations wait on the retry topic",
                    awaited, position.get(), config.replicaWait(), held);
                lagging.put(awaited, Instant.now().plus(config.retryDelay()));
              }
            });
  }

  private Uni<Void> setAside(String awaited, List<Storable> held) {
    return Uni.join()
        .all(held.stream().map(s -> retryTopic.sendUncounted(s.event(), awaited)).toList())
        .andFailFast()
        .replaceWithVoid();
  }
}
