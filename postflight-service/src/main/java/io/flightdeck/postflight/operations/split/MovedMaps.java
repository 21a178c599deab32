package io.flightdeck.postflight.operations.split;

import io.flightdeck.postflight.routing.KeyRange;
import io.flightdeck.postflight.routing.ShardMap;
import java.util.ArrayList;
import java.util.List;

/** Whether a map already sends what a split moves to its target, and if not, what it does not. */
final class MovedMaps {
  private MovedMaps() {}

  /**
   * What of the split the map does not send to the target yet (a range some part of which another
   * shard owns, an account pinned or placed elsewhere); empty once all of it has moved.
   */
  static List<String> notMoved(ShardMap map, Split split) {
    List<String> missing = new ArrayList<>();
    for (KeyRange moved : split.ranges()) {
      for (ShardMap.Assignment a : map.ranges()) {
        if (overlap(a.range(), moved) && !a.shard().equals(split.target())) {
          missing.add("range " + moved + " (" + a.range() + " on " + a.shard() + ")");
        }
      }
    }
    for (String account : split.accounts()) {
      String shard = map.shardFor(account).orElse("no shard");
      if (!shard.equals(split.target())) {
        missing.add("account " + account + " (on " + shard + ")");
      }
    }
    return missing;
  }

  /** Whether two non-empty ranges share an id. */
  static boolean overlap(KeyRange a, KeyRange b) {
    return before(a.start(), b) && before(b.start(), a);
  }

  /** Whether {@code start} lies before the end of {@code range}. */
  private static boolean before(long start, KeyRange range) {
    return range.toEnd() || Long.compareUnsigned(start, range.end()) < 0;
  }
}
