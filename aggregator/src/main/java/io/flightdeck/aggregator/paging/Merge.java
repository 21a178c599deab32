package io.flightdeck.aggregator.paging;

import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.ListPosition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges one read of each store into one page: by (date created desc, Sid desc), one entry per Sid
 * with the post-flight copy winning. Given up to {@code asked} records after the same position from
 * each store, with {@code asked >= size}, the first {@code size} of the union are exactly the next
 * page. Whether another page follows is known when {@code asked > size} (the union has more than
 * {@code size} records exactly then); a store asked for no more than a page that answered all it
 * was asked for may hold more, and then the merge cannot tell. The same for every kind of record.
 */
public final class Merge {
  private Merge() {}

  /**
   * {@link #page(List, List, int, int)} with each store asked for one record more than the page.
   */
  public static <R extends LifecycleRecord> Page<R> page(
      List<R> inflight, List<R> postflight, int size) {
    return page(inflight, postflight, size, size + 1);
  }

  public static <R extends LifecycleRecord> Page<R> page(
      List<R> inflight, List<R> postflight, int size, int asked) {
    Map<String, R> bySid = new LinkedHashMap<>();
    inflight.forEach(r -> bySid.put(r.sid(), r));
    postflight.forEach(r -> bySid.put(r.sid(), r));
    List<R> ordered = bySid.values().stream().sorted(ListPosition.ORDER).toList();
    if (ordered.size() > size) {
      return new Page<>(ordered.subList(0, size), Next.FOLLOWS);
    }
    boolean storeMayHoldMore =
        asked <= size && (inflight.size() >= asked || postflight.size() >= asked);
    return new Page<>(ordered, storeMayHoldMore ? Next.UNKNOWN : Next.NONE);
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
  public record Page<R>(List<R> records, Next next) {
    /** True when another page is known to follow. */
    public boolean more() {
      return next == Next.FOLLOWS;
    }
  }
}
