package io.flightdeck.aggregator.paging;

import io.flightdeck.record.ListPosition;
import io.flightdeck.record.v2010.ListedRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges one read of each store into one page: by (date created desc, Sid desc), one entry per Sid
 * with the post-flight copy winning. Given up to {@code size + 1} records after the same position
 * from each store, the first {@code size} of the union are exactly the next page, and another page
 * follows exactly when the union has more. The same for every kind of record: only each record's
 * place is read, never its JSON.
 */
public final class Merge {
  private static final Comparator<ListedRecord> ORDER =
      Comparator.comparing(ListedRecord::position, ListPosition.NEWEST_FIRST);

  private Merge() {}

  /** The page of {@code size}, from each store's answer to a read of {@code size + 1}. */
  public static Page page(List<ListedRecord> inflight, List<ListedRecord> postflight, int size) {
    Map<String, ListedRecord> bySid = new LinkedHashMap<>();
    inflight.forEach(r -> bySid.put(r.sid(), r));
    postflight.forEach(r -> bySid.put(r.sid(), r));
    List<ListedRecord> ordered = new ArrayList<>(bySid.values());
    ordered.sort(ORDER);
    return ordered.size() > size
        ? new Page(List.copyOf(ordered.subList(0, size)), true)
        : new Page(ordered, false);
  }

  /**
   * A page of the merged list.
   *
   * @param more true when another page is known to follow
   */
  public record Page(List<ListedRecord> records, boolean more) {}
}
