package io.flightdeck.record;

import java.time.Instant;

/**
 * What every record whose life this platform runs has in common: identity, owner, status, the
 * creation date that orders lists (and never changes), and the version that orders its copies.
 */
public sealed interface LifecycleRecord permits CallRecord, MessageRecord {
  String sid();

  String accountSid();

  Status status();

  Instant dateCreated();

  Instant dateUpdated();

  long version();

  RecordKind kind();
}
