package io.flightdeck.aggregator.paging;

import io.flightdeck.record.LifecycleRecord;
import java.time.Instant;
import java.util.Comparator;

/** A place in an account's list order: date created descending, then Sid descending. */
public record Position(Instant dateCreated, String sid) {
  /** The list order of calls and messages alike: newest first, ties broken by Sid, descending. */
  public static final Comparator<LifecycleRecord> ORDER =
      Comparator.comparing(LifecycleRecord::dateCreated)
          .thenComparing(LifecycleRecord::sid)
          .reversed();

  public static Position of(LifecycleRecord record) {
    return new Position(record.dateCreated(), record.sid());
  }
}
