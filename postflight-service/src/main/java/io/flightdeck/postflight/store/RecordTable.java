package io.flightdeck.postflight.store;

import io.flightdeck.record.LifecycleRecord;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
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
 * (date_created, sid). A subclass describes one table: its columns, how a record fills them, how a
 * row is read back, and which columns its list filters compare ({@link CallStore}, {@link
 * MessageStore}).
 *
 * <p>Every table has {@code sid}, {@code account_sid}, {@code date_created} and {@code version}, and
 * a unique key on (sid, date_created). Immutable and thread-safe.
 */
public abstract class RecordTable<R extends LifecycleRecord> {
  /** Rows per INSERT: far below MariaDB's 65,535 placeholders for any of the tables. */
  private static final int ROWS_PER_STATEMENT = 500;
  /** Never replaced once stored: the identity of the row and the version the update compares with. */
  private static final Set<String> FIXED = Set.of("sid", "account_sid", "date_created", "version");

  private final String table;
  private final List<String> columns;
  private final String select;
  private final String onDuplicate;

  protected RecordTable(String table, List<String> columns) {
    this.table = table;
    this.columns = List.copyOf(columns);
    this.select = "SELECT " + String.join(", ", columns) + " FROM " + table;
    // A newer version replaces every column; a repeated or older one changes nothing. MariaDB
    // evaluates the assignments in order, so version is assigned last: the others compare against
    // the stored version.
    this.onDuplicate =
        " ON DUPLICATE KEY UPDATE "
            + columns.stream()
                .filter(c -> !FIXED.contains(c))
                .map(c -> c + " = IF(VALUES(version) > version, VALUES(" + c + "), " + c + ")")
                .collect(Collectors.joining(", "))
            + ", version = GREATEST(version, VALUES(version))";
  }

  /**
   * Stores the records, each only if it is new or newer than the stored copy, in as few statements
   * as the batch allows. The same Sid may occur more than once: rows apply in order, and the newest
   * version wins either way. Run it inside the caller's transaction to make the batch atomic.
   */
  /** The record's values in the order of the columns (instants through {@link #utc}). */
  protected abstract Object[] values(R record);

  /** The record of a row holding every column. */
  protected abstract R read(Row row);

  public Uni<Void> upsert(SqlClient shard, List<R> records) {
    List<List<R>> chunks = new ArrayList<>();
    for (int i = 0; i < records.size(); i += ROWS_PER_STATEMENT) {
      chunks.add(records.subList(i, Math.min(records.size(), i + ROWS_PER_STATEMENT)));
    }
    return Multi.createFrom()
        .iterable(chunks)
        .onItem()
        .transformToUniAndConcatenate(chunk -> shard.preparedQuery(insert(chunk.size())).execute(tuple(chunk)))
        .collect()
        .last()
        .replaceWithVoid();
  }

  private String insert(int rows) {
    String row = columns.stream().map(c -> "?").collect(Collectors.joining(", ", "(", ")"));
    return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES "
        + String.join(", ", Collections.nCopies(rows, row)) + onDuplicate;
  }

  private Tuple tuple(List<R> records) {
    List<Object> all = new ArrayList<>(records.size() * columns.size());
    records.forEach(r -> all.addAll(Arrays.asList(values(r))));
    return Tuple.from(all);
  }

  /** The account's record with this Sid; empty also when the Sid belongs to another account. */
  public Uni<Optional<R>> find(SqlClient shard, String accountSid, String sid) {
    return shard
        .preparedQuery(select + " WHERE sid = ? AND account_sid = ?")
        .execute(Tuple.of(sid, accountSid))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(read(rows.iterator().next())));
  }

  /** The records the query selects, in its order (newest first). */
  protected Uni<List<R>> list(SqlClient shard, ListQuery query) {
    return shard
        .preparedQuery(listStatement(query))
        .execute(Tuple.from(query.parameters()))
        .map(
            rows -> {
              List<R> records = new ArrayList<>(rows.size());
              rows.forEach(row -> records.add(read(row)));
              return records;
            });
  }

  /** The statement that answers the query (its parameters: {@link ListQuery#parameters()}). */
  String listStatement(ListQuery query) {
    return query.sql(table, columns);
  }

  /** DATETIME columns hold UTC wall-clock time; the servers run with time zone +00:00 too. */
  protected static LocalDateTime utc(Instant instant) {
    return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  protected static Instant instant(LocalDateTime utc) {
    return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
  }
}
