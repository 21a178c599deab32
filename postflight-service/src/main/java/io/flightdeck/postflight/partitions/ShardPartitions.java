package io.flightdeck.postflight.partitions;

import io.flightdeck.postflight.store.ShardDefinition;
import io.flightdeck.postflight.store.Shards;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * The partition statements on one shard's primary, for the tables of records: read the layout, add
 * months by splitting {@code p_future}, drop partitions, count a partition's rows exactly.
 *
 * <p>Every change is one {@code ALTER TABLE … WAIT} statement per table: it waits at most {@value
 * #LOCK_WAIT_SECONDS} s for the table's metadata lock (a long read holds it) and then fails, to be
 * tried again later, rather than queue every later read and write of the table behind it. Replicas
 * apply the same statement from the binary log.
 */
@ApplicationScoped
public class ShardPartitions {
  /** The partitioned tables of a shard (db/shard). */
  public static final List<String> TABLES = List.of("calls", "messages");

  static final int LOCK_WAIT_SECONDS = 5;

  /**
   * Runs work with a pool to the shard's primary and the {@link #layouts} read on it, for the tasks
   * that look at every shard's partitions (the keeper, the report).
   */
  public <T> Uni<T> withLayouts(
      Shards shards,
      ShardDefinition shard,
      BiFunction<SqlClient, Map<String, TableLayout>, Uni<T>> work) {
    return shards.withPool(
        shard, pool -> layouts(pool).chain(layouts -> work.apply(pool, layouts)));
  }

  /**
   * Runs work on each partitioned table of the shard in turn, in {@link #TABLES}' order, with a
   * pool to its primary (the report, a retirement); the results in the same order, none when the
   * schema has no partitioned table yet.
   */
  public <T> Uni<List<T>> eachTable(
      Shards shards, ShardDefinition shard, BiFunction<SqlClient, TableLayout, Uni<T>> work) {
    return withLayouts(
        shards,
        shard,
        (pool, layouts) ->
            Multi.createFrom()
                .iterable(layouts.values())
                .onItem()
                .transformToUniAndConcatenate(table -> work.apply(pool, table))
                .collect()
                .asList());
  }

  /**
   * Every table's partitions, by table, in {@link #TABLES}' order; a table missing on the shard is
   * left out.
   */
  public Uni<Map<String, TableLayout>> layouts(SqlClient shard) {
    return shard
        .query(
            "SELECT TABLE_NAME, PARTITION_NAME, PARTITION_DESCRIPTION, TABLE_ROWS FROM information_schema.PARTITIONS"
                + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN ('calls', 'messages') AND PARTITION_NAME IS NOT NULL"
                + " ORDER BY TABLE_NAME, PARTITION_ORDINAL_POSITION")
        .execute()
        .map(
            rows -> {
              Map<String, List<Partition>> byTable = new LinkedHashMap<>();
              for (Row row : rows) {
                byTable
                    .computeIfAbsent(row.getString("TABLE_NAME"), t -> new ArrayList<>())
                    .add(partition(row));
              }
              Map<String, TableLayout> layouts = new LinkedHashMap<>();
              TABLES.stream()
                  .filter(byTable::containsKey)
                  .forEach(t -> layouts.put(t, new TableLayout(t, byTable.get(t))));
              return layouts;
            });
  }

  private static Partition partition(Row row) {
    String bound = row.getString("PARTITION_DESCRIPTION").strip();
    Optional<LocalDate> lessThan =
        bound.equalsIgnoreCase("MAXVALUE")
            ? Optional.empty()
            : Optional.of(LocalDate.parse(bound.replace("'", "").substring(0, 10)));
    Object rows = row.getValue("TABLE_ROWS");
    return new Partition(
        row.getString("PARTITION_NAME"), lessThan, rows == null ? 0 : ((Number) rows).longValue());
  }

  /**
   * Gives each month its own partition by splitting the catch-all after the last month: {@code
   * REORGANIZE PARTITION p_future INTO (p<month>…, p_future)}. Rows already in {@code p_future}
   * move into their months in the same statement; while it runs, writes to the table wait, so none
   * lands in {@code p_future} for a month being added.
   *
   * @param months consecutive months right after the table's last one
   */
  public Uni<Void> addMonths(SqlClient shard, TableLayout table, List<YearMonth> months) {
    Partition future =
        table
            .future()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "table " + table.table() + " has no MAXVALUE partition to split"));
    String into =
        months.stream()
            .map(Partition::of)
            .map(Partition::definition)
            .collect(Collectors.joining(", "));
    return shard
        .query(
            "ALTER TABLE "
                + table.table()
                + " WAIT "
                + LOCK_WAIT_SECONDS
                + " REORGANIZE PARTITION "
                + future.name()
                + " INTO ("
                + into
                + ", "
                + future.definition()
                + ")")
        .execute()
        // MariaDB can leave a partitioned table's AUTO_INCREMENT counter below ids already used
        // once the table is reorganized under concurrent inserts (MDEV-21842, MDEV-40995): inserts
        // then fail on a duplicate id, and a failed insert puts the counter back, so they can keep
        // failing. Setting it anew (InnoDB raises any lower value past the largest id) reopens the
        // table with a counter read from its rows.
        .chain(
            () ->
                shard
                    .query(
                        "ALTER TABLE "
                            + table.table()
                            + " WAIT "
                            + LOCK_WAIT_SECONDS
                            + " ALGORITHM = INSTANT, AUTO_INCREMENT = 1")
                    .execute())
        .replaceWithVoid();
  }

  /**
   * Drops whole partitions of the layout just read, rows and all, holding the table's metadata lock
   * only for two metadata changes per partition: see {@link RetirementStatements}.
   */
  public Uni<Void> drop(SqlClient shard, String table, List<String> partitions) {
    Uni<Void> chain =
        run(shard, List.of("DROP TABLE IF EXISTS " + RetirementStatements.holdingTable(table)));
    for (String partition : partitions) {
      chain = chain.call(() -> run(shard, RetirementStatements.of(table, partition)));
    }
    return chain;
  }

  private static Uni<Void> run(SqlClient shard, List<String> statements) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (String statement : statements) {
      chain = chain.call(() -> shard.query(statement).execute());
    }
    return chain;
  }

  /**
   * The partition's rows, counted (a scan of its smallest index: exact, and as slow as the
   * partition is large).
   */
  public Uni<Long> countRows(SqlClient shard, String table, String partition) {
    return shard
        .query("SELECT COUNT(*) FROM " + table + " PARTITION (" + partition + ")")
        .execute()
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /** Whether the partition holds any row (one index probe). */
  public Uni<Boolean> holdsRows(SqlClient shard, String table, String partition) {
    return shard
        .query("SELECT 1 FROM " + table + " PARTITION (" + partition + ") LIMIT 1")
        .execute()
        .map(rows -> rows.size() > 0);
  }
}
