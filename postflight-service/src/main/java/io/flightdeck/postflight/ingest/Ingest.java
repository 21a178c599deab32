package io.flightdeck.postflight.ingest;

import io.flightdeck.postflight.ingest.DeadLetters.Cause;
import io.flightdeck.postflight.ingest.StorableRecords.Arrival;
import io.flightdeck.postflight.ingest.StorableRecords.Storable;
import io.flightdeck.postflight.ingest.StorableRecords.Unopened;
import io.flightdeck.postflight.ingest.StorableRecords.Unstorable;
import io.flightdeck.postflight.routing.Routing;
import io.flightdeck.postflight.store.RecordWrites;
import io.flightdeck.postflight.store.WriteFailure;
import io.flightdeck.record.LifecycleRecord;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.vertx.mutiny.sqlclient.Pool;
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
 * shard does not answer. The returned Uni completes when every event of the batch is in one of
 * those three places, durably; only then may the caller commit the batch's offsets. A stored record
 * is confirmed once its readers see it ({@link HeldConfirmations}).
 *
 * <p>Each shard's part of the batch is one transaction, and shards are written concurrently and
 * independently: a shard that is down delays nobody else's records. A shard that failed is not
 * tried again for {@code retry-delay} (unless its pool is replaced meanwhile, as a pivot does); its
 * records go straight to the retry topic meanwhile.
 *
 * <p>When a shard refuses a row ({@link WriteFailure#REFUSED_RECORDS}: a value it cannot hold, not
 * an outage) the part is stored record by record, so only the refused record is dead-lettered. A
 * record set aside {@code max-attempts} times is dead-lettered as {@code exhausted}.
 *
 * <p>A primary that refuses writes as {@code read_only} is in a pivot's write block: the batch is
 * routed and tried again every {@value #READ_ONLY_RETRY_MS} ms for up to {@code read-only-wait}, so
 * its events wait in Kafka, uncommitted, and reach the new primary as soon as the catalogue names
 * it; past that wait it counts as down.
 */
@ApplicationScoped
public class Ingest {
  private static final Logger LOG = Logger.getLogger(Ingest.class);

  /** How soon a batch refused by a read-only primary is routed and tried again. */
  private static final long READ_ONLY_RETRY_MS = 50;

  private static final java.time.Duration READ_ONLY_RETRY =
      java.time.Duration.ofMillis(READ_ONLY_RETRY_MS);

  private final Routing routing;
  private final RecordWrites writes;
  private final HeldConfirmations confirmations;
  private final DeadLetters deadLetters;
  private final RetryTopic retryTopic;
  private final IngestConfig config;
  private final MeterRegistry metrics;
  private final Map<String, Outage> outages = new ConcurrentHashMap<>();
  private final CompletableFuture<Void> started = new CompletableFuture<>();

  public Ingest(
      Routing routing,
      RecordWrites writes,
      HeldConfirmations confirmations,
      DeadLetters deadLetters,
      RetryTopic retryTopic,
      IngestConfig config,
      MeterRegistry metrics) {
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
  void catalogueOpened(
      @Observes @Priority(Interceptor.Priority.LIBRARY_AFTER + 1000) StartupEvent event) {
    started.complete(null);
  }

  public Uni<Void> ingest(List<? extends KafkaRecord<String, byte[]>> events) {
    return Uni.createFrom()
        .completionStage(started)
        .chain(() -> ingestNow(events, Instant.now().plus(config.readOnlyWait())));
  }

  /**
   * @param readOnlyUntil until when a shard that refuses writes as {@code read_only} (a pivot's
   *     write block) is tried again, routed afresh, rather than counted as down
   */
  private Uni<Void> ingestNow(
      List<? extends KafkaRecord<String, byte[]>> events, Instant readOnlyUntil) {
    List<Uni<Void>> work = new ArrayList<>();
    Map<String, List<Storable>> byShard = new LinkedHashMap<>();
    for (KafkaRecord<String, byte[]> event : events) {
      Arrival arrival = StorableRecords.arrive(event, routing);
      if (arrival instanceof Unstorable unstorable) {
        work.add(deadLetters.send(unstorable.event(), unstorable.cause(), unstorable.reason()));
      } else if (arrival instanceof Unopened unopened) {
        work.add(
            setAside(
                unopened.shard(),
                unopened.event(),
                "shard " + unopened.shard() + " has no pool open here yet"));
      } else if (arrival instanceof Storable storable) {
        byShard.computeIfAbsent(storable.route().shard(), shard -> new ArrayList<>()).add(storable);
      }
    }
    byShard.forEach((shard, part) -> work.add(store(shard, part, readOnlyUntil)));
    return work.isEmpty()
        ? Uni.createFrom().voidItem()
        : Uni.join().all(work).andFailFast().replaceWithVoid();
  }

  private Uni<Void> store(String shard, List<Storable> part, Instant readOnlyUntil) {
    Pool pool = part.get(0).route().pool();
    Outage outage = outages.get(shard);
    // An outage is the pool's: a shard whose pool was replaced (a pivot's new primary) is tried.
    if (outage != null && outage.pool() == pool && Instant.now().isBefore(outage.until())) {
      return setAside(shard, part, outage.reason());
    }
    List<LifecycleRecord> records = part.stream().map(Storable::record).toList();
    return writes
        .store(pool, records)
        .ifNoItem()
        .after(config.shardTimeout())
        .fail()
        .onItem()
        .transformToUni(
            stored -> {
              outages.remove(shard);
              metrics
                  .counter("postflight.records.stored", "shard", shard)
                  .increment(records.size());
              return confirmations.confirm(shard, pool, part);
            })
        .onFailure(failure -> WriteFailure.of(failure) == WriteFailure.REFUSED_RECORDS)
        .recoverWithUni(
            refusal ->
                part.size() == 1
                    ? refused(part.get(0), shard, refusal)
                    : oneByOne(shard, part, readOnlyUntil))
        // A pivot's write block: the events stay in this batch (nothing committed ahead) and are
        // routed again shortly, to the new primary once the catalogue names it.
        .onFailure(
            failure -> WriteFailure.isReadOnly(failure) && Instant.now().isBefore(readOnlyUntil))
        .recoverWithUni(
            blocked ->
                Uni.createFrom()
                    .voidItem()
                    .onItem()
                    .delayIt()
                    .by(READ_ONLY_RETRY)
                    .chain(
                        () ->
                            ingestNow(part.stream().map(Storable::event).toList(), readOnlyUntil)))
        .onFailure()
        .recoverWithUni(
            failure -> {
              LOG.warnf(
                  "shard %s: %d records wait on the retry topic (%s)",
                  shard, part.size(), failure.toString());
              String reason = failure.toString();
              outages.put(shard, new Outage(pool, Instant.now().plus(config.retryDelay()), reason));
              return setAside(shard, part, reason);
            });
  }

  /** One by one, so a refused record does not hold back the others of its part. */
  private Uni<Void> oneByOne(String shard, List<Storable> part, Instant readOnlyUntil) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (Storable storable : part) {
      chain = chain.chain(() -> store(shard, List.of(storable), readOnlyUntil));
    }
    return chain;
  }

  private Uni<Void> refused(Storable storable, String shard, Throwable refusal) {
    return deadLetters.send(
        storable.event(),
        Cause.REJECTED,
        "shard " + shard + " refused the record: " + refusal.getMessage());
  }

  /**
   * To the retry topic, or to the dead-letter topic for an event whose shard failed it too often
   * already.
   */
  private Uni<Void> setAside(String shard, List<Storable> part, String reason) {
    return Uni.join()
        .all(part.stream().map(s -> setAside(shard, s.event(), reason)).toList())
        .andFailFast()
        .replaceWithVoid();
  }

  private Uni<Void> setAside(String shard, KafkaRecord<String, byte[]> event, String reason) {
    int attempts = RetryTopic.attempt(event) + 1;
    if (attempts >= config.maxAttempts()) {
      return deadLetters.send(
          event,
          Cause.EXHAUSTED,
          "shard %s did not take the record in %d attempts; the last time: %s"
              .formatted(shard, attempts, reason));
    }
    return retryTopic.send(event, shard);
  }

  /**
   * A shard that failed through that pool, not tried again through it before {@code until}, and why
   * it failed.
   */
  private record Outage(Pool pool, Instant until, String reason) {}
}
