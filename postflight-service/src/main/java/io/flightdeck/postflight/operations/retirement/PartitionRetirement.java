package io.flightdeck.postflight.operations.retirement;

import io.flightdeck.postflight.control.ShardCatalogue;
import io.flightdeck.postflight.operations.OperationKind;
import io.flightdeck.postflight.operations.StepContext;
import io.flightdeck.postflight.operations.StepOutcome;
import io.flightdeck.postflight.partitions.Partition;
import io.flightdeck.postflight.partitions.PartitionsConfig;
import io.flightdeck.postflight.partitions.ShardPartitions;
import io.flightdeck.postflight.partitions.TableLayout;
import io.flightdeck.postflight.store.ShardDefinition;
import io.flightdeck.postflight.store.Shards;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The retirement's step on one shard: drops, table by table, every partition whose rows were all
 * created before the retirement's month ({@code ALTER TABLE … DROP PARTITION}, on the primary;
 * replicas follow by replication). In a dry run it counts, exactly, the rows it would drop instead.
 * Idempotent: a partition already gone is not dropped again, so a step run again after a crash
 * finishes what the first run began.
 */
@ApplicationScoped
public class PartitionRetirement implements OperationKind {
  public static final String NAME = "partition-retirement";

  /**
   * Longer than any drop (a drop removes files; it does not read rows), short of hanging on a shard
   * that stopped answering.
   */
  private static final Duration SHARD_TIMEOUT = Duration.ofSeconds(60);

  private final ShardCatalogue catalogue;
  private final Shards shards;
  private final ShardPartitions partitions;
  private final PartitionsConfig config;
  private final Clock clock;

  public PartitionRetirement(
      ShardCatalogue catalogue,
      Shards shards,
      ShardPartitions partitions,
      PartitionsConfig config,
      Clock clock) {
    this.catalogue = catalogue;
    this.shards = shards;
    this.partitions = partitions;
    this.config = config;
    this.clock = clock;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Uni<StepOutcome> run(StepContext step) {
    Retirement retirement = Retirement.fromJson(step.parameters());
    // Checked when the operation started; the retention may have grown since (a restart with a new
    // setting).
    Optional<YearMonth> oldestKept = config.oldestKept(YearMonth.now(clock));
    if (oldestKept.isPresent() && retirement.before().isAfter(oldestKept.get())) {
      return StepOutcome.failed(
          "the retention now keeps every month from "
              + oldestKept.get()
              + " on, and this retirement would drop "
              + retirement.lastRetired()
              + ": nothing dropped on "
              + step.step());
    }
    return catalogue
        .all()
        .chain(
            all -> {
              Optional<ShardDefinition> shard =
                  all.stream().filter(s -> s.id().equals(step.step())).findFirst();
              if (shard.isEmpty()) {
                return StepOutcome.done(
                    "shard "
                        + step.step()
                        + " is no longer in the catalogue: nothing to retire there");
              }
              // The tables done so far, in order: after each, the step's progress lists them all.
              List<String> done = new ArrayList<>();
              return partitions
                  .eachTable(
                      shards,
                      shard.get(),
                      (pool, table) ->
                          retire(pool, table, retirement, step.dryRun())
                              .call(
                                  text -> {
                                    done.add(text);
                                    return step.progress(String.join("; ", done));
                                  }))
                  .map(
                      tables ->
                          (StepOutcome)
                              new StepOutcome.Done(
                                  tables.isEmpty()
                                      ? "no partitioned tables on "
                                          + step.step()
                                          + " (schema not migrated yet): nothing to retire"
                                      : String.join("; ", tables)))
                  .ifNoItem()
                  .after(SHARD_TIMEOUT)
                  .failWith(
                      () ->
                          new IllegalStateException(
                              "shard " + step.step() + " did not answer within " + SHARD_TIMEOUT));
            });
  }

  /**
   * Drops the table's retired partitions, or in a dry run counts their rows; what it did, in the
   * words of the step's progress.
   */
  private Uni<String> retire(
      SqlClient pool, TableLayout table, Retirement retirement, boolean dryRun) {
    List<Partition> retired = table.endingBy(retirement.before());
    return dryRun
        ? wouldDrop(pool, table, retired, retirement)
        : drop(pool, table, retired, retirement);
  }

  private Uni<String> drop(
      SqlClient pool, TableLayout table, List<Partition> retired, Retirement retirement) {
    if (retired.isEmpty()) {
      // Still clears a holding table that a retirement stopped after its last drop left behind.
      return partitions
          .drop(pool, table.table(), List.of())
          .replaceWith(table.table() + ": nothing before " + retirement.before());
    }
    long estimate = retired.stream().mapToLong(Partition::estimatedRows).sum();
    return partitions
        .drop(pool, table.table(), names(retired))
        .replaceWith(
            table.table()
                + ": dropped "
                + String.join(", ", names(retired))
                + " (~"
                + estimate
                + " rows, estimated)");
  }

  private Uni<String> wouldDrop(
      SqlClient pool, TableLayout table, List<Partition> retired, Retirement retirement) {
    if (retired.isEmpty()) {
      return Uni.createFrom().item(table.table() + ": nothing before " + retirement.before());
    }
    return Multi.createFrom()
        .iterable(retired)
        .onItem()
        .transformToUniAndConcatenate(
            p ->
                partitions
                    .countRows(pool, table.table(), p.name())
                    .map(rows -> Map.entry(p.name(), rows)))
        .collect()
        .asList()
        .map(
            counts ->
                table.table()
                    + ": would drop "
                    + counts.stream()
                        .map(c -> c.getKey() + " (" + c.getValue() + " rows)")
                        .collect(Collectors.joining(", ")));
  }

  private static List<String> names(List<Partition> retired) {
    return retired.stream().map(Partition::name).toList();
  }
}
