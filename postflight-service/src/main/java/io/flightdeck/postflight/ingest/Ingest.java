package io.flightdeck.postflight.ingest;

import io.flightdeck.postflight.ingest.DeadLetters.Cause;
import io.flightdeck.postflight.ingest.StorableRecords.Arrival;
import io.flightdeck.postflight.ingest.StorableRecords.Storable;
import io.flightdeck.postflight.ingest.StorableRecords.Unstorable;
import io.flightdeck.postflight.routing.Routing;
import io.flightdeck.postflight.store.RecordWrites;
import io.flightdeck.record.LifecycleRecord;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.vertx.mysqlclient.MySQLException;
import io.vertx.mutiny.sqlclient.Pool;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Takes one batch of completed-record events as far as it can go: each event is stored on its
 * account's shard and confirmed, or dead-lettered, or set aside on the retry topic because its
 * shard does not answer. The returned Uni completes when every event of the batch is in one of those
 * three places, durably; only then may the caller commit the batch's offsets.
 *
 * <p>Each shard's part of the batch is one transaction, and shards are written concurrently and
 * independently: a shard that is down delays nobody else's records. A shard that failed is not
 * tried again for {@code retry-delay}; its records go straight to the retry topic meanwhile.
 *
 * <p>When a shard refuses a row (a data error, not an outage) the part is stored record by record,
 * so only the refused record is dead-lettered.
 */
@ApplicationScoped
public class Ingest {
  private static final Logger LOG = Logger.getLogger(Ingest.class);

  private final Routing routing;
  private final RecordWrites writes;
  private final Confirmations confirmations;
  private final DeadLetters deadLetters;
  private final RetryTopic retryTopic;
  private final IngestConfig config;
  private final MeterRegistry metrics;
  private final Map<String, Instant> downUntil = new ConcurrentHashMap<>();
  private final CompletableFuture<Void> started = new CompletableFuture<>();

  public Ingest(
      Routing routing, RecordWrites writes, Confirmations confirmations, DeadLetters deadLetters,
      RetryTopic retryTopic, IngestConfig config, MeterRegistry metrics) {
    this.routing = routing;
    this.writes = writes;
    this.confirmations = confirmations;
    this.deadLetters = deadLetters;
    this.retryTopic = retryTopic;
    this.config = config;
    this.metrics = metrics;
  }

  /**
   * Opens the gate once every start-up observer has run, the shard catalogue's among them: the
   * consumers start while the catalogue is still opening its pools, and a record routed then would
   * be routed by a map of the shards opened so far.
   */
  void catalogueOpened(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER + 1000) StartupEvent event) {
    started.complete(null);
  }

  public Uni<Void> ingest(List<? extends KafkaRecord<String, byte[]>> events) {
    return Uni.createFrom().completionStage(started).chain(() -> ingestNow(events));
  }

  private Uni<Void> ingestNow(List<? extends KafkaRecord<String, byte[]>> events) {
    List<Uni<Void>> work = new ArrayList<>();
    Map<String, List<Storable>> byShard = new LinkedHashMap<>();
    for (KafkaRecord<String, byte[]> event : events) {
      Arrival arrival = StorableRecords.arrive(event, routing);
      if (arrival instanceof Unstorable unstorable) {
        work.add(deadLetters.send(unstorable.event(), unstorable.cause(), unstorable.reason()));
      } else if (arrival instanceof Storable storable) {
        byShard.computeIfAbsent(storable.route().shard(), shard -> new ArrayList<>()).add(storable);
      }
    }
    byShard.forEach((shard, part) -> work.add(store(shard, part)));
    return work.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(work).andFailFast().replaceWithVoid();
  }

  private Uni<Void> store(String shard, List<Storable> part) {
    Instant until = downUntil.get(shard);
    if (until != null && Instant.now().isBefore(until)) {
      return setAside(shard, part);
    }
    Pool pool = part.get(0).route().pool();
    List<LifecycleRecord> records = part.stream().map(Storable::record).toList();
    return writes
        .store(pool, records)
        .ifNoItem()
        .after(config.shardTimeout())
        .fail()
        .onItem()
        .transformToUni(
            stored -> {
              downUntil.remove(shard);
              metrics.counter("postflight.records.stored", "shard", shard).increment(records.size());
              return confirmations.confirm(records);
            })
        .onFailure(Ingest::refusedByTheShard)
        .recoverWithUni(refusal -> part.size() == 1 ? refused(part.get(0), shard, refusal) : oneByOne(shard, part))
        .onFailure()
        .recoverWithUni(
            outage -> {
              LOG.warnf("shard %s: %d records wait on the retry topic (%s)", shard, part.size(), outage.toString());
              downUntil.put(shard, Instant.now().plus(config.retryDelay()));
              return setAside(shard, part);
            });
  }

  /** One by one, so a refused record does not hold back the others of its part. */
  private Uni<Void> oneByOne(String shard, List<Storable> part) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (Storable storable : part) {
      chain = chain.chain(() -> store(shard, List.of(storable)));
    }
    return chain;
  }

  private Uni<Void> refused(Storable storable, String shard, Throwable refusal) {
    return deadLetters.send(storable.event(), Cause.REJECTED, "shard " + shard + " refused the record: " + refusal.getMessage());
  }

  private Uni<Void> setAside(String shard, List<Storable> part) {
    return Uni.join().all(part.stream().map(s -> retryTopic.send(s.event(), shard)).toList()).andFailFast().replaceWithVoid();
  }

  /** A data error (SQLSTATE class 22) or a constraint (23): the row, not the shard, is at fault. */
  private static boolean refusedByTheShard(Throwable failure) {
    return failure instanceof MySQLException sql
        && sql.getSqlState() != null
        && (sql.getSqlState().startsWith("22") || sql.getSqlState().startsWith("23"));
  }
}
