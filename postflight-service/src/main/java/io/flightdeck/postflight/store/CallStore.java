package io.flightdeck.postflight.store;

import io.flightdeck.record.CallFilter;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.SidKind;
import io.flightdeck.record.sql.RecordColumns;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

/**
 * The post-flight calls table of one shard: idempotent upserts, get by Sid, filtered keyset lists.
 */
@Singleton
public class CallStore extends RecordTable<CallRecord, CallFilter> {
  public CallStore(MeterRegistry metrics) {
    super("calls", SidKind.CALL, RecordColumns.CALLS, metrics);
  }
}
