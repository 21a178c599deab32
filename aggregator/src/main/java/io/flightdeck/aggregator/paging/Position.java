package io.flightdeck.aggregator.paging;

import io.flightdeck.record.CallRecord;
import java.time.Instant;
import java.util.Comparator;

/** A place in an account's list order: date created descending, then Sid descending. */
public record Position(Instant dateCreated, String sid) {
  /** The list order: newest first, ties broken by Sid, descending. */
  public static final Comparator<CallRecord> ORDER =
      Comparator.comparing(CallRecord::dateCreated).thenComparing(CallRecord::sid).reversed();

  public static Position of(CallRecord record) {
    return new Position(record.dateCreated(), record.sid());
  }
}
