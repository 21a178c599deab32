package io.flightdeck.inflight.lifecycle;

import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import java.time.Instant;
import java.util.Optional;

/** A producer's create request; it checks its own fields and builds the record's first version. */
public interface NewRecord<R extends LifecycleRecord> {
  /** The kind of Sid the platform mints for such a record. */
  SidKind mintedKind();

  /**
   * The producer's own Sid, checked (a 400 naming {@code sid} when it is not one of this kind), or
   * empty when the platform mints it.
   */
  Optional<String> ownSid();

  /** The record's first version, with {@code sid}: {@link #ownSid()} if given, else minted. */
  R toRecord(Sid account, Instant now, String sid);
}
