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
 * with the post-flight copy winning. Given up to {@code asked} records after the same position from
 * each store, with {@code asked >= size}, the first {@code size} of the union are exactly the next
 * page. Whether another page follows is known when {@code asked > size} (the union has more than
 * {@code size} records exactly then); a store asked for no more than a page that answered all it
 * was asked for may hold more, and then the merge cannot tell. The same for every kind of record:
 * only each record's place is read, never its JSON.
 */
public final class Merge {
  private static final Comparator<ListedRecord> ORDER =
      Comparator.comparing(ListedRecord::position, ListPosition.NEWEST_FIRST);

  private Merge() {}

  /**
   * {@link #page(List, List, int, int)} with each store asked for one record more than the page.
   */
  public static Page page(List<ListedRecord> inflight, List<ListedRecord> postflight, int size) {
    return page(inflight, postflight, size, size + 1);
  }

  public static Page page(
      List<ListedRecord> inflight, List<ListedRecord> postflight, int size, int asked) {
    Map<String, ListedRecord> bySid = new LinkedHashMap<>();
    inflight.forEach(r -> bySid.put(r.sid(), r));
    postflight.forEach(r -> bySid.put(r.sid(), r));
    List<ListedRecord> ordered = new ArrayList<>(bySid.values());
    ordered.sort(ORDER);
    if (ordered.size() > size) {
      return new Page(List.copyOf(ordered.subList(0, size)), Next.FOLLOWS);
    }
    boolean storeMayHoldMore =
        asked <= size && (inflight.size() >= asked || postflight.size() >= asked);
    return new Page(ordered, storeMayHoldMore ? Next.UNKNOWN : Next.NONE);
  }

  /** Whether a record follows the page. */
  public enum Next {
    NONE,
    FOLLOWS,
    /**
     * A store answered as many records as it was asked for, no more than the page: ask it for what
     * follows.
     */
    UNKNOWN
  }

  /** A page of the merged list, and whether another follows. */
  public record Page(List<ListedRecord> records, Next next) {
    /** True when another page is known to follow. */
    public boolean more() {
      return next == Next.FOLLOWS;
    }
  }
}
