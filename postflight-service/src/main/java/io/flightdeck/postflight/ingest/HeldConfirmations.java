package io.flightdeck.postflight.ingest;

import io.flightdeck.postflight.ingest.StorableRecords.Storable;
import io.flightdeck.postflight.routing.Routing;
import io.flightdeck.record.LifecycleRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Confirms stored records on {@code records.persisted} only once readers can see them (No amnesia):
 * inflight-service deletes its copy on the confirmation, so a record must be visible post-flight
 * first. A record is visible at once when the read map sends its account to the shard it was
 * written on (the steady state: no extra round trip). During a shard split, reads move to the
 * target while writes still go to the source, which the target replicates; then the confirmation
 * waits until the target has applied the commit: the source's {@code @@gtid_binlog_pos} read after
 * the commit, waited for on the target with {@code MASTER_GTID_WAIT} for at most {@code
 * replica-wait}.
 *
 * <p>The position rather than the commit's own GTID ({@code @@last_gtid}): a replayed record's
 * upsert changes nothing and logs no transaction, and its session's last GTID would then be an
 * older transaction's, not the one that stored the record. The position covers every commit before
 * it, the original one included.
 *
 * <p>A record the target has not applied in time is not confirmed: it goes to the retry topic
 * without counting an attempt (it is stored; only its confirmation waits), is stored again there (a
 * no-op) and waits again, so it is never dead-lettered for this. A target that timed out is not
 * waited for again for {@code retry-delay}: its records go straight to the retry topic, so a
 * stopped replication slows no batch down.
 */
@ApplicationScoped
public class HeldConfirmations {
  private static final Logger LOG = Logger.getLogger(HeldConfirmations.class);

  private final Routing routing;
  private final Confirmations confirmations;
  private final RetryTopic retryTopic;
  private final IngestConfig config;
  private final Map<String, Instant> lagging = new ConcurrentHashMap<>();

  public HeldConfirmations(
      Routing routing, Confirmations confirmations, RetryTopic retryTopic, IngestConfig config) {
    this.routing = routing;
    this.confirmations = confirmations;
    this.retryTopic = retryTopic;
    this.config = config;
  }

  /**
   * Confirms the part just committed on {@code shard} (through {@code pool}) as far as readers see
   * it, and sets the rest aside; completes when each record is confirmed or on the retry topic.
   */
  Uni<Void> confirm(String shard, Pool pool, List<Storable> part) {
    List<LifecycleRecord> visible = new ArrayList<>();
    Map<String, List<Storable>> byReadShard = new LinkedHashMap<>();
    for (Storable storable : part) {
      Optional<String> reads = routing.readShard(storable.record().accountSid());
      if (reads.isEmpty() || reads.get().equals(shard)) {
        visible.add(storable.record());
      } else {
        byReadShard.computeIfAbsent(reads.get(), s -> new ArrayList<>()).add(storable);
      }
    }
    Uni<Void> confirmed = confirmations.confirm(visible);
    if (byReadShard.isEmpty()) {
      return confirmed;
    }
    return confirmed.chain(
        () ->
            pool.query("SELECT @@gtid_binlog_pos")
                .execute()
                .map(rows -> Optional.ofNullable(rows.iterator().next().getString(0)))
                .onFailure()
                .recoverWithItem(Optional.empty())
                .chain(
                    position ->
                        Uni.join()
                            .all(
                                byReadShard.entrySet().stream()
                                    .map(e -> whenApplied(e.getKey(), e.getValue(), position))
                                    .toList())
                            .andFailFast()
                            .replaceWithVoid()));
  }

  private Uni<Void> whenApplied(String readShard, List<Storable> held, Optional<String> position) {
    Instant until = lagging.get(readShard);
    Optional<Pool> readPool =
        routing.forRead(held.get(0).record().accountSid()).map(Routing.Route::pool);
    if (position.isEmpty()
        || readPool.isEmpty()
        || (until != null && Instant.now().isBefore(until))) {
      return setAside(readShard, held);
    }
    double seconds = config.replicaWait().toMillis() / 1000.0;
    return readPool
        .get()
        .preparedQuery("SELECT MASTER_GTID_WAIT(?, ?)")
        .execute(Tuple.of(position.get(), seconds))
        .map(rows -> rows.iterator().next().getInteger(0) == 0)
        .onFailure()
        .recoverWithItem(false)
        .chain(
            applied -> {
              if (applied) {
                lagging.remove(readShard);
                return confirmations.confirm(held.stream().map(Storable::record).toList());
              }
              LOG.infof(
                  "shard %s has not applied position %s within %s: %d confirmations wait on the retry topic",
                  readShard, position.get(), config.replicaWait(), held.size());
              lagging.put(readShard, Instant.now().plus(config.retryDelay()));
              return setAside(readShard, held);
            });
  }

  private Uni<Void> setAside(String readShard, List<Storable> held) {
    return Uni.join()
        .all(held.stream().map(s -> retryTopic.sendUncounted(s.event(), readShard)).toList())
        .andFailFast()
        .replaceWithVoid();
  }
}
