package io.flightdeck.postflight.operations.split;

import io.flightdeck.postflight.store.IdChunk;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * The split's clone: copies every row of a shard to another at one consistent snapshot, and says at
 * which GTID position of the source that snapshot stands, so replication from the source picks up
 * exactly after it (the position becomes the target's {@code gtid_slave_pos}).
 *
 * <p>The whole shard is copied, not only the moved ranges: the source's row events replicate to the
 * target until the cut, and a row event for a row the target lacks stops replication. The rows the
 * target does not own are deleted after the cut.
 *
 * <p>Rows are read by id ranges inside one {@code START TRANSACTION WITH CONSISTENT SNAPSHOT},
 * whose binary log position ({@code binlog_snapshot_file/position}, taken under the same lock as
 * the snapshot) {@code BINLOG_GTID_POS} turns into a GTID position. A clone run again (its driver
 * killed) empties the target first and starts over: until the cut, the target serves nothing.
 */
final class SnapshotClone {
  static final List<String> TABLES = List.of("calls", "messages");

  private static final Set<String> TEMPORAL = Set.of("date", "datetime", "timestamp", "time");

  /** Rows per read and per batch insert: small enough to keep each round trip short. */
  static final int CHUNK = 500;

  /** What a clone copied, and the source's GTID position its snapshot stands at. */
  record Cloned(long rows, String gtidPosition) {}

  private SnapshotClone() {}

  /**
   * @param progress told the number of rows copied so far after each chunk
   */
  static Uni<Cloned> copy(Pool source, Pool target, LongFunction<Uni<Void>> progress) {
    return emptied(target)
        .chain(
            () ->
                source.withConnection(
                    snapshot ->
                        snapshot
                            .query("START TRANSACTION WITH CONSISTENT SNAPSHOT")
                            .execute()
                            .chain(() -> position(snapshot))
                            .chain(
                                gtid ->
                                    copyTables(snapshot, target, 0, 0, progress)
                                        .map(rows -> new Cloned(rows, gtid)))
                            .eventually(() -> snapshot.query("ROLLBACK").execute())))
        .onFailure()
        .call(e -> LockWaitReport.logged(e, "the clone", source, target));
  }

  /**
   * Empties the target's tables that hold rows (a clone run again). A fresh target is left as it
   * is: {@code TRUNCATE} is DDL, which also locks the server's shared InnoDB statistics tables.
   */
  private static Uni<Void> emptied(Pool target) {
    Uni<Void> all = Uni.createFrom().voidItem();
    for (String table : TABLES) {
      all =
          all.chain(
              () ->
                  target
                      .query("SELECT EXISTS (SELECT 1 FROM " + table + ") AS held")
                      .execute()
                      .chain(
                          rows ->
                              rows.iterator().next().getLong("held") != 0
                                  ? target.query("TRUNCATE TABLE " + table).execute()
                                  : Uni.createFrom().nullItem())
                      .replaceWithVoid());
    }
    return all;
  }

  private static Uni<String> position(SqlConnection snapshot) {
    return snapshot
        .query("SHOW STATUS LIKE 'binlog_snapshot_%'")
        .execute()
        .chain(
            status -> {
              String file = null;
              long position = -1;
              for (Row row : status) {
                String name = row.getString(0).toLowerCase(java.util.Locale.ROOT);
                if (name.equals("binlog_snapshot_file")) {
                  file = row.getString(1);
                } else if (name.equals("binlog_snapshot_position")) {
                  position = Long.parseLong(row.getString(1));
                }
              }
              if (file == null || file.isEmpty() || position < 0) {
                throw new IllegalStateException(
                    "the source has no binary log position for its snapshot (is log_bin on?)");
              }
              return snapshot
                  .preparedQuery("SELECT BINLOG_GTID_POS(?, ?) AS gtid")
                  .execute(Tuple.of(file, position))
                  .map(rows -> rows.iterator().next().getString("gtid"));
            })
        .invoke(
            gtid -> {
              if (gtid == null) {
                throw new IllegalStateException("the source's snapshot has no GTID position");
              }
            });
  }

  private static Uni<Long> copyTables(
      SqlConnection snapshot,
      Pool target,
      int table,
      long copied,
      LongFunction<Uni<Void>> progress) {
    if (table == TABLES.size()) {
      return Uni.createFrom().item(copied);
    }
    return columns(snapshot, TABLES.get(table))
        .chain(columns -> copyFrom(snapshot, target, TABLES.get(table), columns, copied, progress))
        .chain(total -> copyTables(snapshot, target, table + 1, total, progress));
  }

  /**
   * Copies one table chunk after chunk, as a stream of chunks rather than a chain of Unis, so
   * neither the memory nor the stack grows with the table: a million rows are 2,000 chunks.
   */
  /**
   * The table's columns as the clone reads them: temporal ones as text, so that every value the
   * server holds is copied as it is. The client reads a zero date ({@code 0000-00-00}, which a
   * hand-made row may hold) as null, which the target's NOT NULL column would refuse.
   */
  private static Uni<String> columns(SqlConnection snapshot, String table) {
    return snapshot
        .preparedQuery(
            "SELECT COLUMN_NAME, DATA_TYPE FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")
        .execute(Tuple.of(table))
        .map(
            rows -> {
              List<String> columns = new ArrayList<>();
              for (Row row : rows) {
                String name = "`" + row.getString("COLUMN_NAME") + "`";
                boolean temporal =
                    TEMPORAL.contains(row.getString("DATA_TYPE").toLowerCase(Locale.ROOT));
                columns.add(temporal ? "CAST(" + name + " AS CHAR) AS " + name : name);
              }
              if (columns.isEmpty()) {
                throw new IllegalStateException("the source has no table " + table);
              }
              return String.join(", ", columns);
            });
  }

  private static Uni<Long> copyFrom(
      SqlConnection snapshot,
      Pool target,
      String table,
      String columns,
      long copied,
      LongFunction<Uni<Void>> progress) {
    AtomicLong after = new AtomicLong(Long.MIN_VALUE);
    AtomicLong total = new AtomicLong(copied);
    return Multi.createBy()
        .repeating()
        .uni(
            () ->
                IdChunk.after(
                        snapshot, "SELECT " + columns + " FROM " + table, table, CHUNK, after.get())
                    .invoke(
                        rows -> {
                          if (rows.size() > 0) {
                            after.set(lastId(rows));
                          }
                        }))
        .until(rows -> rows.size() == 0)
        .onItem()
        .transformToUniAndConcatenate(
            rows ->
                insert(target, table, rows)
                    .chain(() -> progress.apply(total.addAndGet(rows.size()))))
        .collect()
        .last()
        .map(ignored -> total.get());
  }

  private static long lastId(RowSet<Row> rows) {
    long last = Long.MIN_VALUE;
    for (Row row : rows) {
      last = Math.max(last, row.getLong("id"));
    }
    return last;
  }

  /** One multi-row INSERT a chunk (at most 500 rows of 25 columns: far below 65,535 parameters). */
  private static Uni<Void> insert(Pool target, String table, RowSet<Row> rows) {
    List<String> columns = rows.columnsNames();
    String one = "(" + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
    List<Object> values = new ArrayList<>(columns.size() * rows.size());
    List<String> tuples = new ArrayList<>(rows.size());
    for (Row row : rows) {
      for (int i = 0; i < columns.size(); i++) {
        values.add(row.getValue(i));
      }
      tuples.add(one);
    }
    String sql =
        "INSERT INTO "
            + table
            + " ("
            + String.join(", ", columns)
            + ") VALUES "
            + String.join(", ", tuples);
    return target.preparedQuery(sql).execute(Tuple.tuple(values)).replaceWithVoid();
  }
}
