package io.flightdeck.postflight.partitions;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.flightdeck.postflight.control.ShardCatalogue;
import io.flightdeck.postflight.store.ShardDefinition;
import io.flightdeck.postflight.store.Shards;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;

/**
 * What the months look like on every shard of the catalogue, for operators: per shard and table,
 * the partitions with their rows, the months kept ahead, beside the retention. Row counts are
 * InnoDB's estimates unless exact counts are asked for: counting scans every partition (seconds per
 * million rows), fine for a check, too slow to be the default of a status page.
 */
@ApplicationScoped
public class PartitionReport {
  private static final Duration SHARD_TIMEOUT = Duration.ofSeconds(10);

  private final ShardCatalogue catalogue;
  private final Shards shards;
  private final ShardPartitions partitions;
  private final PartitionsConfig config;
  private final Clock clock;

  public PartitionReport(
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

  /**
   * The report.
   *
   * @param today the current month (UTC)
   * @param monthsAheadKept what the keeper keeps ({@code
   *     flightdeck.postflight.partitions.months-ahead})
   * @param retention months kept ({@code flightdeck.postflight.retention}); null when unset
   * @param oldestKept the oldest month the retention keeps; null without retention
   * @param rowCounts {@code estimate} (InnoDB's statistics) or {@code exact} (counted)
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Report(
      String today,
      int monthsAheadKept,
      Integer retention,
      String oldestKept,
      String rowCounts,
      List<ShardMonths> shards) {}

  /** One shard: {@code up} with its tables, or {@code down: <reason>}. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ShardMonths(String shard, String state, List<TableMonths> tables) {}

  /**
   * One table of a shard.
   *
   * @param firstMonth the oldest month partition (the first partition also holds anything older)
   * @param lastMonth the last month with a partition of its own
   * @param monthsAhead months after the current one with a partition
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record TableMonths(
      String table,
      String firstMonth,
      String lastMonth,
      long monthsAhead,
      List<PartitionRows> partitions) {}

  /**
   * One partition.
   *
   * @param month {@code YYYY-MM}; null for {@code p_before} and {@code p_future}
   * @param lessThan its bound on date_created, exclusive; {@code MAXVALUE} for {@code p_future}
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record PartitionRows(String name, String month, String lessThan, long rows) {}

  public Uni<Report> report(boolean exact) {
    YearMonth today = YearMonth.now(clock);
    return catalogue
        .eachShard(shard -> shard(shard, today, exact))
        .map(
            list ->
                new Report(
                    today.toString(),
                    config.partitions().monthsAhead(),
                    config.retention().isPresent() ? config.retention().getAsInt() : null,
                    config.oldestKept(today).map(YearMonth::toString).orElse(null),
                    exact ? "exact" : "estimate",
                    list));
  }

  private Uni<ShardMonths> shard(ShardDefinition shard, YearMonth today, boolean exact) {
    return partitions
        .eachTable(shards, shard, (pool, table) -> table(pool, table, today, exact))
        .ifNoItem()
        .after(SHARD_TIMEOUT)
        .failWith(() -> new IllegalStateException("no answer within " + SHARD_TIMEOUT))
        .map(tables -> new ShardMonths(shard.id(), "up", tables))
        .onFailure()
        .recoverWithItem(e -> new ShardMonths(shard.id(), "down: " + e.getMessage(), List.of()));
  }

  private Uni<TableMonths> table(
      SqlClient pool, TableLayout table, YearMonth today, boolean exact) {
    return Multi.createFrom()
        .iterable(table.partitions())
        .onItem()
        .transformToUniAndConcatenate(
            p ->
                (exact
                        ? partitions.countRows(pool, table.table(), p.name())
                        : Uni.createFrom().item(p.estimatedRows()))
                    .map(
                        rows ->
                            new PartitionRows(
                                p.name(),
                                p.month().map(YearMonth::toString).orElse(null),
                                p.lessThan().map(Object::toString).orElse("MAXVALUE"),
                                rows)))
        .collect()
        .asList()
        .map(
            rows ->
                new TableMonths(
                    table.table(),
                    table.partitions().stream()
                        .flatMap(p -> p.month().stream())
                        .findFirst()
                        .map(YearMonth::toString)
                        .orElse(null),
                    table.lastMonth().map(YearMonth::toString).orElse(null),
                    table.monthsAhead(today),
                    rows));
  }
}
