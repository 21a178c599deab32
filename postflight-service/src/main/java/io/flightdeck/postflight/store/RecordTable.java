package io.flightdeck.postflight.store;

import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.ListPosition;
import io.flightdeck.record.SidKind;
import io.flightdeck.record.sql.ColumnValues;
import io.flightdeck.record.sql.ListQuery;
import io.flightdeck.record.sql.RecordColumns;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The SQL every post-flight record table shares, whatever the record kind: the idempotent upsert of
 * many records in one statement, the get by account and Sid, and the keyset list newest first by
 * (date_created, sid). A subclass names one table; record-contract's {@link RecordColumns} says how
 * a record fills its columns, how a row is read back, and which columns the list filters compare
 * ({@link CallStore}, {@link MessageStore}).
 *
 * <p>Every table has {@code sid}, {@code account_sid}, {@code date_created} and {@code version},
 * and a unique key on (sid, date_created). A row that is no record ({@link ReadableRows}) is
 * skipped by gets and lists alike; a list then reads on past it, so a page is as full as the rows
 * allow. Immutable and thread-safe.
 */
public abstract class RecordTable<R extends LifecycleRecord, F> {
  /** Rows per INSERT: far below MariaDB's 65,535 placeholders for any of the tables. */
  private static final int ROWS_PER_STATEMENT = 500;

  /**
   * Bytes per INSERT, at most (estimated from above): a quarter of the server's default
   * max_allowed_packet (16 MiB). A larger packet is refused and the connection dropped, which
   * looked like the shard being down, for good, to every batch of long message bodies.
   */
  private static final long BYTES_PER_STATEMENT = 4L << 20;

  /**
   * The earliest value a DATETIME column holds. MariaDB stores a value outside {@code EARLIEST} to
   * {@link #LATEST} as 0000-00-00, silently, so such a record is refused before anything is sent.
   */
  private static final LocalDateTime EARLIEST = LocalDateTime.of(1000, 1, 1, 0, 0);

  /** The latest value a DATETIME(6) column holds, to the microsecond. */
  private static final LocalDateTime LATEST =
      LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000);

  /**
   * Never replaced once stored: the identity of the row and the version the update compares with.
   */
  private static final Set<String> FIXED = Set.of("sid", "account_sid", "date_created", "version");

  private final String table;
  private final RecordColumns<R, F> mapping;
  private final List<String> columns;
  private final String select;
  private final String onDuplicate;
  private final ReadableRows<R> readable;

  protected RecordTable(
      String table, SidKind kind, RecordColumns<R, F> mapping, MeterRegistry metrics) {
    this.table = table;
    this.mapping = mapping;
    this.columns = mapping.names();
    this.readable = new ReadableRows<>(table, kind, row -> mapping.read(row::getValue), metrics);
    this.select = "SELECT " + String.join(", ", columns) + " FROM " + table;
    // A newer version replaces every column; a repeated or older one changes nothing. MariaDB
    // evaluates the assignments in order, so version is assigned last: the others compare against
    // the stored version.
    //
    // The duplicate may also be another record's row: the primary key is (id, date_created), and
    // MariaDB can hand out an AUTO_INCREMENT id twice on a partitioned table under concurrency (two
    // primaries of a split could too). Such a row is never touched: every assignment also asks for
    // the same Sid, and version becomes NULL, which its NOT NULL column refuses (strict sql_mode,
    // MariaDB's default), so the statement fails instead of storing nothing in silence. The write
    // is retried like a shard's passing trouble (WriteFailure) and draws new ids.
    this.onDuplicate =
        " ON DUPLICATE KEY UPDATE "
            + columns.stream()
                .filter(c -> !FIXED.contains(c))
                .map(
                    c ->
                        c
                            + " = IF(sid = VALUES(sid) AND VALUES(version) > version, VALUES("
                            + c
                            + "), "
                            + c
                            + ")")
                .collect(Collectors.joining(", "))
            + ", version = IF(sid = VALUES(sid), GREATEST(version, VALUES(version)), NULL)";
  }

  /**
   * Stores the records, each only if it is new or newer than the stored copy, in as few statements
   * as the batch allows (each under a byte budget, so no packet is too large for the server). The
   * same Sid may occur more than once: rows apply in order, and the newest version wins either way.
   * Run it inside the caller's transaction to make the batch atomic.
   *
   * <p>Fails with {@link UnstorableRecordException}, before anything is sent, when a record has a
   * value its column cannot hold.
   */
  public Uni<Void> upsert(SqlClient shard, List<R> records) {
    List<List<Object[]>> statements;
    try {
      statements = statements(records);
    } catch (UnstorableRecordException e) {
      return Uni.createFrom().failure(e);
    }
    return Multi.createFrom()
        .iterable(statements)
        .onItem()
        .transformToUniAndConcatenate(
            rows -> shard.preparedQuery(insert(rows.size())).execute(tuple(rows)))
        .collect()
        .last()
        .replaceWithVoid();
  }

  /**
   * The records' rows, cut into statements of at most {@link #ROWS_PER_STATEMENT} rows and {@link
   * #BYTES_PER_STATEMENT} bytes.
   */
  private List<List<Object[]>> statements(List<R> records) {
    List<List<Object[]>> statements = new ArrayList<>();
    List<Object[]> statement = new ArrayList<>();
    long bytes = 0;
    for (R record : records) {
      Object[] row = row(record);
      long size = estimatedBytes(row);
      if (!statement.isEmpty()
          && (statement.size() == ROWS_PER_STATEMENT || bytes + size > BYTES_PER_STATEMENT)) {
        statements.add(statement);
        statement = new ArrayList<>();
        bytes = 0;
      }
      statement.add(row);
      bytes += size;
    }
    if (!statement.isEmpty()) {
      statements.add(statement);
    }
    return statements;
  }

  /**
   * The record's values, each one its column can hold; else the record is unstorable, named and
   * why.
   */
  private Object[] row(R record) {
    Object[] row;
    try {
      row = mapping.values(record);
    } catch (RuntimeException e) {
      throw new UnstorableRecordException(
          record.sid(), "its values cannot be mapped to columns: " + e);
    }
    for (int i = 0; i < row.length; i++) {
      if (row[i] instanceof LocalDateTime time
          && (time.isBefore(EARLIEST) || time.isAfter(LATEST))) {
        throw new UnstorableRecordException(
            record.sid(),
            "%s %s is outside what its column holds (1000-01-01 to 9999-12-31)"
                .formatted(columns.get(i), time.toInstant(ZoneOffset.UTC)));
      }
    }
    return row;
  }

  /** An upper bound of the row's size on the wire: three UTF-8 bytes per char at most. */
  private static long estimatedBytes(Object[] row) {
    long bytes = 0;
    for (Object value : row) {
      bytes += value instanceof String text ? 3L * text.length() + 9 : 16;
    }
    return bytes;
  }

  private String insert(int rows) {
    String row = columns.stream().map(c -> "?").collect(Collectors.joining(", ", "(", ")"));
    return "INSERT INTO "
        + table
        + " ("
        + String.join(", ", columns)
        + ") VALUES "
        + String.join(", ", Collections.nCopies(rows, row))
        + onDuplicate;
  }

  private Tuple tuple(List<Object[]> rows) {
    List<Object> all = new ArrayList<>(rows.size() * columns.size());
    rows.forEach(row -> all.addAll(Arrays.asList(row)));
    return Tuple.from(all);
  }

  /**
   * Up to {@code limit} rows with an id above {@code afterId}, by ascending id, as records (rows
   * that are no record skipped), and the last id looked at: how a shard operation walks a table.
   */
  public Uni<TableChunk<R>> chunkAfter(SqlClient shard, long afterId, int limit) {
    return IdChunk.after(
            shard, select.replaceFirst("SELECT ", "SELECT id, "), table, limit, afterId)
        .map(
            rows -> {
              List<R> records = new ArrayList<>();
              long last = afterId;
              for (Row row : rows) {
                last = Math.max(last, row.getLong("id"));
                readable.read(row).ifPresent(records::add);
              }
              return new TableChunk<>(records, last, rows.size());
            });
  }

  /** The account's record with this Sid; empty also when the Sid belongs to another account. */
  public Uni<Optional<R>> find(SqlClient shard, String accountSid, String sid) {
    return shard
        .preparedQuery(select + " WHERE sid = ? AND account_sid = ?")
        .execute(Tuple.of(sid, accountSid))
        .map(rows -> rows.size() == 0 ? Optional.empty() : readable.read(rows.iterator().next()));
  }

  /**
   * Up to {@code limit} records of the account that pass the filter, newest first, strictly after
   * {@code after}.
   */
  public Uni<List<R>> list(
      SqlClient shard, String accountSid, F filter, Optional<ListPosition> after, int limit) {
    return list(shard, query(accountSid, filter, after, limit), new ArrayList<>());
  }

  /** The list request as SQL. */
  ListQuery query(String accountSid, F filter, Optional<ListPosition> after, int limit) {
    return mapping.filtered(ListQuery.ofAccount(accountSid), filter).after(after).limit(limit);
  }

  /**
   * Reads the query's rows into {@code records}. Rows that are no record are skipped; as many rows
   * again are then read after the last one, so a page is short only where the rows end: readers
   * take a short page for the last one.
   */
  private Uni<List<R>> list(SqlClient shard, ListQuery query, List<R> records) {
    return shard
        .preparedQuery(listStatement(query))
        .execute(Tuple.from(query.parameters()))
        .flatMap(
            rows -> {
              int skipped = 0;
              Row last = null;
              for (Row row : rows) {
                Optional<R> record = readable.read(row);
                record.ifPresent(records::add);
                skipped += record.isEmpty() ? 1 : 0;
                last = row;
              }
              // A row dated 0000-00-00 sorts last: nothing after it can be read either.
              LocalDateTime lastCreated =
                  last == null ? null : last.getLocalDateTime("date_created");
              if (skipped == 0 || rows.size() < query.limit() || lastCreated == null) {
                return Uni.createFrom().item(records);
              }
              ListPosition after =
                  new ListPosition(ColumnValues.instant(lastCreated), last.getString("sid"));
              return list(shard, query.after(Optional.of(after)).limit(skipped), records);
            });
  }

  /**
   * The statement that answers the query (its parameters: {@link ListQuery#parameters()}), one
   * statement: first the page's keys, by a scan in list order that reads nothing but the index (the
   * derived table {@code page}), then the page's rows by primary key, put in list order again (a
   * sort of at most the page size). Why two steps: MariaDB pushes no condition down into the index
   * of a partitioned table, so a one-step scan would read the row of every index entry it passes to
   * check a time window; the key scan reads only index pages, whose entries carry the window's
   * columns.
   */
  String listStatement(ListQuery query) {
    return "SELECT "
        + String.join(", ", columns.stream().map(c -> "r." + c).toList())
        + " FROM (SELECT id, date_created, sid FROM "
        + table
        + query.whereAndOrder()
        + ") page"
        + " JOIN "
        + table
        + " r ON r.id = page.id AND r.date_created = page.date_created"
        + " ORDER BY page.date_created DESC, page.sid DESC";
  }
}
