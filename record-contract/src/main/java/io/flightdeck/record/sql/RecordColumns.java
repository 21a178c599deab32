package io.flightdeck.record.sql;

import io.flightdeck.record.CallFilter;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.MessageFilter;
import io.flightdeck.record.MessageRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How one kind of record lies in a row of a SQL table, wherever records are kept in rows
 * (post-flight's shard tables, the legacy combined store): its columns, a record's values for them,
 * a row read back, and the column each list filter compares. Every store names these columns alike,
 * so one mapping serves them all; a store adds its own columns around them (the legacy store's
 * {@code kind}). Times are DATETIME columns holding UTC wall-clock time. Immutable and thread-safe.
 *
 * @param <R> the record
 * @param <F> the filter of its lists
 */
public sealed interface RecordColumns<R extends LifecycleRecord, F>
    permits CallColumns, MessageColumns {
  RecordColumns<CallRecord, CallFilter> CALLS = new CallColumns();
  RecordColumns<MessageRecord, MessageFilter> MESSAGES = new MessageColumns();

  /** The columns, in the order of {@link #values}. */
  List<String> names();

  /** The record's values in the order of {@link #names()}, instants as UTC wall-clock time. */
  Object[] values(R record);

  /**
   * The record of a row that holds every column. {@code column} answers a column's value as the
   * driver decodes it (strings, numbers, {@code LocalDateTime}; Vert.x: {@code row::getValue}).
   * Fails with a {@link RuntimeException} when a value is not of its column's type.
   */
  R read(Function<String, Object> column);

  /**
   * A copy of the record with some columns' values replaced, each given as a row holds it (times as
   * UTC {@code LocalDateTime}, statuses by wire name, {@code null} for none): the one way to derive
   * a record from another without restating its every field.
   */
  default R with(R record, Map<String, Object> changed) {
    List<String> names = names();
    Object[] values = values(record);
    Map<String, Object> row = new HashMap<>();
    for (int i = 0; i < values.length; i++) {
      row.put(names.get(i), values[i]);
    }
    changed.forEach(
        (column, value) -> {
          if (!row.containsKey(column)) {
            throw new IllegalArgumentException("no column " + column);
          }
          row.put(column, value);
        });
    return read(row::get);
  }

  /** The query with the filter's conditions added. */
  ListQuery filtered(ListQuery query, F filter);

  /**
   * The query with the conditions of a filter given as internal query parameters (record-contract's
   * {@code toQuery()}); a malformed one is an {@code InvalidFieldException} naming it.
   */
  ListQuery filteredBy(ListQuery query, Map<String, String> parameters);
}
