package io.flightdeck.postflight.store;

import io.flightdeck.record.InvalidFieldException;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.mutiny.sqlclient.Row;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Reads a table's rows into records, and tells apart the rows that are no record the model can
 * carry: a Sid that is not one of the table's kind, a {@code date_created} of {@code 0000-00-00}
 * (read as null), a status the model does not know (a newer version's, a hand-made fix's). Such a
 * row is skipped rather than failing the whole answer: logged with its Sid and reason, and counted
 * in {@code postflight_unreadable_rows_total{table, field}}. Thread-safe.
 */
final class ReadableRows<R extends LifecycleRecord> {
  private static final Logger LOG = Logger.getLogger(ReadableRows.class);

  private final String table;
  private final SidKind kind;
  private final Function<Row, R> read;
  private final MeterRegistry metrics;

  ReadableRows(String table, SidKind kind, Function<Row, R> read, MeterRegistry metrics) {
    this.table = table;
    this.kind = kind;
    this.read = read;
    this.metrics = metrics;
  }

  /** The row's record, or empty (logged and counted) when the row is no record. */
  Optional<R> read(Row row) {
    String sid = row.getString("sid");
    try {
      Sid.parse(kind, "sid", sid);
      R record = read.apply(row);
      if (record.dateCreated() == null) {
        return skip(sid, "date_created", "date_created is 0000-00-00");
      }
      return Optional.of(record);
    } catch (InvalidFieldException e) {
      return skip(sid, e.field(), e.getMessage());
    } catch (RuntimeException e) {
      return skip(sid, "other", e.toString());
    }
  }

  private Optional<R> skip(String sid, String field, String reason) {
    LOG.warnf("%s: skipping row %s, which is no record (%s)", table, sid, reason);
    metrics.counter("postflight.unreadable.rows", "table", table, "field", field).increment();
    return Optional.empty();
  }
}
