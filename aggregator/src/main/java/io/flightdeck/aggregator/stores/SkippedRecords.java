package io.flightdeck.aggregator.stores;

import io.flightdeck.record.InvalidFieldException;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.flightdeck.record.v2010.PublicLines;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Stored records the public API cannot show: a Sid that is not one of the resource's kind (it could
 * never be fetched), no date created (it has no place in the list order, and no page token can
 * point past it), no status, or a row the record model cannot read at all (a status it does not
 * know, say). Such a record is skipped, never the whole answer failed: logged with its Sid and
 * reason, and counted in {@code flightdeck_records_skipped_total{store, resource, field}}.
 * Thread-safe.
 */
final class SkippedRecords {
  private static final Logger LOG = Logger.getLogger(SkippedRecords.class);

  private final MeterRegistry metrics;

  SkippedRecords(MeterRegistry metrics) {
    this.metrics = metrics;
  }

  /**
   * The record, unless it lacks what the list order and the public form need ({@link
   * PublicLines#unshowable}; then skipped).
   */
  <R extends LifecycleRecord> Optional<R> showable(String store, RecordReads<?> reads, R record) {
    Optional<String> field = PublicLines.unshowable(record);
    if (field.isPresent()) {
      return skip(store, reads, field.get(), record.sid(), "no valid " + field.get());
    }
    return Optional.of(record);
  }

  /** Skips a record that could not even be read; {@code field} names what failed, else "other". */
  <R> Optional<R> unreadable(String store, RecordReads<?> reads, String sid, Exception failure) {
    String field = failure instanceof InvalidFieldException invalid ? invalid.field() : "other";
    return skip(store, reads, field, sid, failure.getMessage());
  }

  /** Skips a record the store itself found unshowable; {@code field} names why. */
  <R> Optional<R> skip(
      String store, RecordReads<?> reads, String field, String sid, String reason) {
    LOG.warnf(
        "%s: skipping %s %s, which the public API cannot show (%s)",
        store, reads.resource(), sid, reason);
    metrics
        .counter(
            "flightdeck.records.skipped",
            "store",
            store,
            "resource",
            reads.resource(),
            "field",
            field)
        .increment();
    return Optional.empty();
  }

  /** True when the Sid is one of the kind's (a read may continue after a record only then). */
  static boolean isSid(SidKind kind, String sid) {
    try {
      Sid.parse(kind, "sid", sid);
      return true;
    } catch (InvalidFieldException e) {
      return false;
    }
  }
}
