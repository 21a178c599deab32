package io.flightdeck.inflight.lifecycle;

import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.ListPosition;
import io.flightdeck.record.Sid;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One page of an account's live records of one kind that pass {@code filter}, strictly after the
 * position, at most {@code limit}: asked of every store that may hold them (each in-flight node,
 * the legacy store), whose pages are merged into one. The nodes also narrow their rows by the
 * filter's conditions; every store tests each record it reads.
 */
record LiveList<R extends LifecycleRecord>(
    RecordType<R, ?> type,
    Sid account,
    Optional<ListPosition> after,
    ListFilters.Live<R> filter,
    int limit) {
  private static final Comparator<LifecycleRecord> NEWEST_FIRST =
      Comparator.comparing(LifecycleRecord::dateCreated)
          .thenComparing(LifecycleRecord::sid)
          .reversed();

  /** The stores' pages as one, newest first (date created, then Sid), cut at {@code limit}. */
  List<R> merged(List<List<R>> pages) {
    List<R> merged = new ArrayList<>();
    pages.forEach(merged::addAll);
    merged.sort(NEWEST_FIRST);
    return merged.size() > limit ? List.copyOf(merged.subList(0, limit)) : merged;
  }
}
