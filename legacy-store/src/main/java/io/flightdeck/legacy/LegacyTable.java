package io.flightdeck.legacy;

import io.flightdeck.record.CallRecord;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.MessageRecord;
import io.flightdeck.record.sql.RecordColumns;

/**
 * How one kind of record lies in the legacy combined store's one table ({@code db/legacy}): the
 * value of its {@code kind} column, and record-contract's mapping of its columns, the same as
 * post-flight's tables use.
 */
public record LegacyTable<R extends LifecycleRecord>(String kind, RecordColumns<R, ?> columns) {
  public static final LegacyTable<CallRecord> CALLS =
      new LegacyTable<>("call", RecordColumns.CALLS);
  public static final LegacyTable<MessageRecord> MESSAGES =
      new LegacyTable<>("message", RecordColumns.MESSAGES);
}
