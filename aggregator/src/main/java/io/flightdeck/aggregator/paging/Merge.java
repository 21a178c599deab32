package io.flightdeck.aggregator.paging;

import io.flightdeck.record.LifecycleRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges one read of each store into one page: by (date created desc, Sid desc), one entry per Sid
 * with the post-flight copy winning. Given up to {@code size + 1} records after the same position
 * from each store, the first {@code size} of the union are exactly the next page, and the union
 * has more than {@code size} records exactly when another page follows. The same for every kind of
 * record.
 */
public final class Merge {
  private Merge() {}

  public static <R extends LifecycleRecord> Page<R> page(List<R> inflight, List<R> postflight, int size) {
    Map<String, R> bySid = new LinkedHashMap<>();
    inflight.forEach(r -> bySid.put(r.sid(), r));
    postflight.forEach(r -> bySid.put(r.sid(), r));
    List<R> ordered = bySid.values().stream().sorted(Position.ORDER).toList();
    boolean more = ordered.size() > size;
    return new Page<>(more ? ordered.subList(0, size) : ordered, more);
  }

  /** A page of the merged list, and whether another follows. */
  public record Page<R>(List<R> records, boolean more) {}
}
