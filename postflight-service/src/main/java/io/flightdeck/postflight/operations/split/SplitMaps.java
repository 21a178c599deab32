package io.flightdeck.postflight.operations.split;

import io.flightdeck.postflight.routing.KeyRange;
import io.flightdeck.postflight.routing.KeyspaceId;
import io.flightdeck.postflight.routing.ShardMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A split's change of a shard map: its ranges and accounts handed from one shard to the other, the
 * rest of the map as it was. Used both ways: to the target when reads and writes move, back to the
 * source when a cancelled split restores them.
 */
final class SplitMaps {
  private SplitMaps() {}

  /**
   * {@code map} with the split's ranges (the parts {@code from} owns) and accounts on {@code to}.
   * Neighbouring ranges of one shard are merged, so moving there and back gives the map's shape
   * again. An account's override is kept only where its range does not already place it on {@code
   * to}.
   */
  static ShardMap moved(ShardMap map, Split split, String from, String to) {
    List<ShardMap.Assignment> pieces = new ArrayList<>();
    for (ShardMap.Assignment a : map.ranges()) {
      if (!a.shard().equals(from)) {
        pieces.add(a);
        continue;
      }
      for (KeyRange piece : cut(a.range(), split.ranges())) {
        boolean moves =
            split.ranges().stream().anyMatch(r -> r.contains(new KeyspaceId(piece.start())));
        pieces.add(new ShardMap.Assignment(piece, moves ? to : from));
      }
    }
    List<ShardMap.Assignment> ranges = merged(pieces);
    Map<String, String> overrides = new HashMap<>(map.overrides());
    ShardMap byRange = new ShardMap(ranges, Map.of());
    for (String account : split.accounts()) {
      if (byRange.shardFor(account).filter(to::equals).isPresent()) {
        overrides.remove(account);
      } else {
        overrides.put(account, to);
      }
    }
    return new ShardMap(ranges, overrides);
  }

  /** Whether {@code map} already sends every range and account of the split to {@code to}. */
  static boolean isMoved(ShardMap map, Split split, String to) {
    boolean ranges =
        map.ranges().stream()
            .filter(a -> split.ranges().stream().anyMatch(r -> overlap(a.range(), r)))
            .allMatch(a -> a.shard().equals(to));
    boolean accounts =
        split.accounts().stream().allMatch(a -> map.shardFor(a).filter(to::equals).isPresent());
    return ranges && accounts;
  }

  /** The range cut at every bound of {@code at} that falls inside it. */
  private static List<KeyRange> cut(KeyRange range, List<KeyRange> at) {
    TreeSet<Long> points = new TreeSet<>(Long::compareUnsigned);
    for (KeyRange r : at) {
      points.add(r.start());
      if (!r.toEnd()) {
        points.add(r.end());
      }
    }
    List<KeyRange> pieces = new ArrayList<>();
    long start = range.start();
    for (long point : points) {
      if (Long.compareUnsigned(point, start) > 0 && inside(range, point)) {
        pieces.add(new KeyRange(start, point));
        start = point;
      }
    }
    pieces.add(new KeyRange(start, range.end()));
    return pieces;
  }

  private static boolean inside(KeyRange range, long point) {
    return range.toEnd() || Long.compareUnsigned(point, range.end()) < 0;
  }

  private static boolean overlap(KeyRange a, KeyRange b) {
    boolean aStartsBeforeBEnds = b.toEnd() || Long.compareUnsigned(a.start(), b.end()) < 0;
    boolean bStartsBeforeAEnds = a.toEnd() || Long.compareUnsigned(b.start(), a.end()) < 0;
    return aStartsBeforeBEnds && bStartsBeforeAEnds;
  }

  private static List<ShardMap.Assignment> merged(List<ShardMap.Assignment> pieces) {
    List<ShardMap.Assignment> sorted = new ArrayList<>(pieces);
    sorted.sort((x, y) -> Long.compareUnsigned(x.range().start(), y.range().start()));
    List<ShardMap.Assignment> merged = new ArrayList<>();
    for (ShardMap.Assignment a : sorted) {
      int last = merged.size() - 1;
      if (last >= 0
          && merged.get(last).shard().equals(a.shard())
          && merged.get(last).range().end() == a.range().start()) {
        merged.set(
            last,
            new ShardMap.Assignment(
                new KeyRange(merged.get(last).range().start(), a.range().end()), a.shard()));
      } else {
        merged.add(a);
      }
    }
    return merged;
  }
}
