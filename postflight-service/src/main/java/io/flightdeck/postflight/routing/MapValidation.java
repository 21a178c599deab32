package io.flightdeck.postflight.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The rules a shard map must pass before it is stored: every range holds at least one id, the
 * ranges cover the whole keyspace with no gap and no overlap, and every range and override names a
 * shard of the catalogue. Each problem is one sentence naming the range, gap or shard, written for
 * the operator who sent the map.
 */
public final class MapValidation {
  private static final Comparator<ShardMap.Assignment> BY_START =
      Comparator.comparing(a -> a.range().start(), Long::compareUnsigned);

  private MapValidation() {}

  /** Every problem of the map; empty when it may be stored. */
  public static List<String> problems(ShardMap map, Set<String> knownShards) {
    List<String> problems = new ArrayList<>();
    for (ShardMap.Assignment a : map.ranges()) {
      if (!knownShards.contains(a.shard())) {
        problems.add(
            "range %s names unknown shard '%s' (known: %s)"
                .formatted(a.range(), a.shard(), known(knownShards)));
      }
      if (a.range().isEmpty()) {
        problems.add("range %s is empty: its end must be above its start".formatted(a.range()));
      }
    }
    for (Map.Entry<String, String> o : new TreeMap<>(map.overrides()).entrySet()) {
      if (!knownShards.contains(o.getValue())) {
        problems.add(
            "override of %s names unknown shard '%s' (known: %s)"
                .formatted(o.getKey(), o.getValue(), known(knownShards)));
      }
    }
    problems.addAll(
        coverage(
            map.ranges().stream().filter(a -> !a.range().isEmpty()).sorted(BY_START).toList()));
    return problems;
  }

  /** Walks the ranges by start, naming each stretch no range covers and each stretch two cover. */
  private static List<String> coverage(List<ShardMap.Assignment> sorted) {
    List<String> problems = new ArrayList<>();
    if (sorted.isEmpty()) {
      problems.add("gap: no range covers %s".formatted(new KeyRange(0, 0)));
      return problems;
    }
    long covered = 0; // everything below this id is covered (0 with reachedEnd: all of it)
    boolean reachedEnd = false;
    ShardMap.Assignment previous = null;
    for (ShardMap.Assignment a : sorted) {
      KeyRange r = a.range();
      if (reachedEnd || Long.compareUnsigned(r.start(), covered) < 0) {
        long overlapEnd = reachedEnd ? r.end() : lower(covered, r.end());
        problems.add(
            "overlap: ranges %s (%s) and %s (%s) both cover %s"
                .formatted(
                    previous.range(),
                    previous.shard(),
                    r,
                    a.shard(),
                    new KeyRange(r.start(), overlapEnd)));
      } else if (Long.compareUnsigned(r.start(), covered) > 0) {
        problems.add("gap: no range covers %s".formatted(new KeyRange(covered, r.start())));
      }
      if (!reachedEnd && (r.toEnd() || Long.compareUnsigned(r.end(), covered) > 0)) {
        covered = r.end();
        reachedEnd = r.toEnd();
        previous = a;
      }
    }
    if (!reachedEnd) {
      problems.add("gap: no range covers %s".formatted(new KeyRange(covered, 0)));
    }
    return problems;
  }

  /** The lower of two range ends, where 0 is the end of the keyspace. */
  private static long lower(long a, long b) {
    if (a == 0) {
      return b;
    }
    if (b == 0) {
      return a;
    }
    return Long.compareUnsigned(a, b) <= 0 ? a : b;
  }

  private static String known(Set<String> shards) {
    return shards.isEmpty() ? "none" : String.join(", ", new TreeSet<>(shards));
  }
}
