package io.flightdeck.postflight.partitions;

import io.flightdeck.postflight.control.InstanceId;
import io.flightdeck.postflight.control.Leases;
import io.flightdeck.postflight.control.ShardCatalogue;
import io.flightdeck.postflight.store.ShardDefinition;
import io.flightdeck.postflight.store.Shards;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Keeps {@link PartitionsConfig.Keeper#monthsAhead()} future months on every table of every shard
 * of the catalogue, so that records are always written into their own month's partition, never into
 * {@code p_future}. Runs shortly after start-up and then every {@link
 * PartitionsConfig.Keeper#checkInterval()}, on one instance at a time (a lease in the control
 * database). The catalogue is read at every run, so a shard added since start-up is kept too.
 *
 * <p>A run adds, per table, the months after its last one up to the current month plus the margin,
 * in one {@code REORGANIZE PARTITION p_future} (see {@link ShardPartitions#addMonths}). With the
 * margin kept, {@code p_future} is empty and the statement is quick; if the keeper has not run for
 * longer than the margin, records of the missing months wait in {@code p_future} and the statement
 * moves them into their months. A shard that is down is skipped and kept at the next run.
 */
@ApplicationScoped
public class PartitionKeeper {
  static final String LEASE = "partition-keeper";
  private static final Logger LOG = Logger.getLogger(PartitionKeeper.class);
  private static final Duration FIRST_RUN_DELAY = Duration.ofSeconds(5);

  private final ShardCatalogue catalogue;
  private final Shards shards;
  private final ShardPartitions partitions;
  private final Leases leases;
  private final InstanceId me;
  private final PartitionsConfig config;
  private final Vertx vertx;
  private final Clock clock;
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile long timer = -1;

  public PartitionKeeper(
      ShardCatalogue catalogue,
      Shards shards,
      ShardPartitions partitions,
      Leases leases,
      InstanceId me,
      PartitionsConfig config,
      Vertx vertx,
      Clock clock) {
    this.catalogue = catalogue;
    this.shards = shards;
    this.partitions = partitions;
    this.leases = leases;
    this.me = me;
    this.config = config;
    this.vertx = vertx;
    this.clock = clock;
  }

  /** What one run did. {@code acted} is false when another instance held the lease. */
  public record Run(boolean acted, List<ShardResult> shards) {}

  /** One shard's part of a run: the partitions added, by table, or why the shard was skipped. */
  public record ShardResult(String shard, List<String> added, Optional<String> problem) {}

  /**
   * After the control plane's start-up (its observer runs first): a first run soon, then every
   * check interval.
   */
  void start(@Observes StartupEvent event) {
    vertx.setTimer(FIRST_RUN_DELAY.toMillis(), id -> keepInBackground());
    timer =
        vertx.setPeriodic(config.partitions().checkInterval().toMillis(), id -> keepInBackground());
  }

  void stop(@Observes ShutdownEvent event) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private void keepInBackground() {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    keep()
        .eventually(() -> running.set(false))
        .subscribe()
        .with(
            run -> {},
            e ->
                LOG.warnf(
                    "partition keeper: the run failed (%s); trying again in %s",
                    e.toString(), config.partitions().checkInterval()));
  }

  /** The current month, UTC: the month records are written in now. */
  public YearMonth today() {
    return YearMonth.now(clock);
  }

  /** One run: takes the lease, keeps every catalogued shard, gives the lease back. */
  public Uni<Run> keep() {
    return leases
        .acquire(LEASE, me.value(), config.partitions().lease())
        .chain(
            held -> {
              if (!held) {
                return Uni.createFrom().item(new Run(false, List.of()));
              }
              YearMonth through = today().plusMonths(config.partitions().monthsAhead());
              return catalogue
                  .eachShard(shard -> keep(shard, through))
                  .map(results -> new Run(true, results))
                  .eventually(() -> leases.release(LEASE, me.value()));
            });
  }

  private Uni<ShardResult> keep(ShardDefinition shard, YearMonth through) {
    return partitions
        .withLayouts(
            shards, shard, (pool, layouts) -> addMissing(pool, shard.id(), layouts, through))
        .onFailure()
        .recoverWithItem(
            e -> {
              LOG.warnf(
                  "partition keeper: shard %s skipped (%s); tried again at the next run",
                  shard.id(), e.getMessage());
              return new ShardResult(
                  shard.id(), List.of(), Optional.of(String.valueOf(e.getMessage())));
            });
  }

  private Uni<ShardResult> addMissing(
      SqlClient pool, String shard, Map<String, TableLayout> layouts, YearMonth through) {
    List<String> missingTables =
        ShardPartitions.TABLES.stream().filter(t -> !layouts.containsKey(t)).toList();
    if (!missingTables.isEmpty()) {
      return Uni.createFrom()
          .item(
              new ShardResult(
                  shard,
                  List.of(),
                  Optional.of(
                      "no partitioned table " + missingTables + " yet (schema not migrated)")));
    }
    List<String> added = new ArrayList<>();
    return Multi.createFrom()
        .iterable(layouts.values())
        .onItem()
        .transformToUniAndConcatenate(
            table -> {
              List<YearMonth> months = table.missingThrough(through);
              if (months.isEmpty()) {
                return Uni.createFrom().voidItem();
              }
              return warnIfFutureHoldsRows(pool, shard, table)
                  .chain(() -> partitions.addMonths(pool, table, months))
                  .invoke(
                      () -> {
                        String names =
                            table.table()
                                + " "
                                + Partition.nameOf(months.get(0))
                                + (months.size() > 1
                                    ? "…" + Partition.nameOf(months.get(months.size() - 1))
                                    : "");
                        added.add(names);
                        LOG.infof(
                            "partition keeper: shard %s: added %s (months through %s kept)",
                            shard, names, through);
                      });
            })
        .collect()
        .last()
        .map(done -> new ShardResult(shard, List.copyOf(added), Optional.empty()));
  }

  private Uni<Void> warnIfFutureHoldsRows(SqlClient pool, String shard, TableLayout table) {
    String future = table.future().map(Partition::name).orElse("p_future");
    return partitions
        .holdsRows(pool, table.table(), future)
        .invoke(
            holds -> {
              if (holds) {
                LOG.warnf(
                    "partition keeper: shard %s: %s.%s holds rows (months were missing); they move into their months now,"
                        + " and writes to %s wait until they have",
                    shard, table.table(), future, table.table());
              }
            })
        .replaceWithVoid();
  }
}
