package io.flightdeck.postflight.monitoring;

import io.flightdeck.postflight.store.Shards;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Measures every shard of the catalogue every {@code flightdeck.postflight.monitoring.interval}:
 * whether it answers with the current schema ({@code postflight_shard_up{shard}}) and how old the
 * newest record it holds is ({@code postflight_shard_newest_record_age_seconds{shard}}, the ingest
 * lag in time: while events wait it is the age of what is being stored now; while nothing arrives
 * it is the time since the last record, so read it beside the consumer's {@code
 * kafka_consumer_fetch_manager_records_lag}). The gauges follow the shards open here, which follow
 * the catalogue: a shard added at run time gets its series at the next measurement, a removed one
 * loses them. A scrape reads the last measurement and never queries a shard.
 */
@ApplicationScoped
public class ShardWatch {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  /**
   * The newest row of each table by its AUTO_INCREMENT id: the end of the primary key in each
   * partition, a few index reads whatever the table's size (a MAX over date_updated would scan it).
   * An upsert replacing an older version keeps its row's id, so this is the newest record inserted.
   */
  private static final String NEWEST =
      "SELECT (SELECT date_updated FROM calls ORDER BY id DESC LIMIT 1) AS calls,"
          + " (SELECT date_updated FROM messages ORDER BY id DESC LIMIT 1) AS messages";

  private final Shards shards;
  private final Clock clock = Clock.systemUTC();
  private final Map<String, ShardState> states = new ConcurrentHashMap<>();
  private final FollowedGauges<String> gauges;

  public ShardWatch(Shards shards, MeterRegistry metrics) {
    this.shards = shards;
    this.gauges = new FollowedGauges<>(metrics, shard -> register(shard, metrics));
  }

  @Scheduled(
      every = "${flightdeck.postflight.monitoring.interval:5s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> measure() {
    List<String> ids = shards.ids();
    // A shard removed during a measurement may come back here; the next one drops it again.
    states.keySet().retainAll(ids);
    gauges.follow(ids);
    if (ids.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return Uni.join()
        .all(ids.stream().map(this::measure).toList())
        .andCollectFailures()
        .replaceWithVoid();
  }

  /** The shard as last measured; {@link ShardState#UNMEASURED} for one not measured yet. */
  ShardState state(String shard) {
    return states.getOrDefault(shard, ShardState.UNMEASURED);
  }

  private Uni<Void> measure(String shard) {
    ShardState before = state(shard);
    return shards
        .pool(shard)
        .map(
            pool ->
                pool.query(NEWEST)
                    .execute()
                    .ifNoItem()
                    .after(TIMEOUT)
                    .fail()
                    .map(
                        rows ->
                            shards.migrated(shard)
                                ? new ShardState(true, true, newest(rows.iterator().next()))
                                : before.down())
                    .onFailure()
                    .recoverWithItem(before::down))
        .orElse(Uni.createFrom().item(before.down()))
        .invoke(state -> states.put(shard, state))
        .replaceWithVoid();
  }

  private static Optional<Instant> newest(Row row) {
    return Stream.of(row.getLocalDateTime("calls"), row.getLocalDateTime("messages"))
        .filter(time -> time != null)
        .map(time -> time.toInstant(ZoneOffset.UTC))
        .max(Instant::compareTo);
  }

  private List<Meter> register(String shard, MeterRegistry metrics) {
    return List.of(
        Gauge.builder("postflight.shard.up", this, w -> w.state(shard).upValue())
            .description("1 while the shard answers with the current schema, 0 while it does not")
            .tag("shard", shard)
            .register(metrics),
        Gauge.builder(
                "postflight.shard.newest.record.age",
                this,
                w -> w.state(shard).newestAgeSeconds(w.clock.instant()))
            .description("Age of the last update of the newest record stored on the shard")
            .baseUnit("seconds")
            .tag("shard", shard)
            .register(metrics));
  }
}
