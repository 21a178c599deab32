package io.flightdeck.inflight.lifecycle;

import io.flightdeck.record.FieldLimits;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import java.time.Instant;
import java.util.Optional;

/** A producer's create request; it checks its own fields and builds the record's first version. */
public interface NewRecord<R extends LifecycleRecord> {
  /** The kind of Sid the platform mints for such a record. */
  SidKind mintedKind();

  /** The Sid the producer brings, unchecked; null when the platform is to mint it. */
  String sid();

  /** The address the record goes to, unchecked. */
  String to();

  /** The address the record comes from, unchecked. */
  String from();

  /**
   * The producer's own Sid, checked (a 400 naming {@code sid} when it is not one of this kind), or
   * empty when the platform mints it.
   */
  default Optional<String> ownSid() {
    return sid() == null
        ? Optional.empty()
        : Optional.of(FieldLimits.sid(mintedKind(), "sid", sid()));
  }

  /**
   * Refuses a request without {@code to} or {@code from} (in that order, a 400 naming the field):
   * every kind needs both before its record can be built.
   */
  default void requireAddresses() {
    FieldLimits.requiredText("to", to(), FieldLimits.ADDRESS_LENGTH);
    FieldLimits.requiredText("from", from(), FieldLimits.ADDRESS_LENGTH);
  }

  /** The record's first version, with {@code sid}: {@link #ownSid()} if given, else minted. */
  R toRecord(Sid account, Instant now, String sid);
}
