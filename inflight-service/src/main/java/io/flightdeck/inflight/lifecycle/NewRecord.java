package io.flightdeck.inflight.lifecycle;

import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.Sid;
import java.time.Instant;

/** A producer's create request; it checks its own fields and builds the record's first version. */
public interface NewRecord<R extends LifecycleRecord> {
  R toRecord(Sid account, Instant now);
}
