package io.flightdeck.postflight.operations.split;

import io.flightdeck.postflight.operations.OperationRefusedException;
import io.flightdeck.postflight.routing.KeyRange;
import io.flightdeck.postflight.routing.KeyspaceId;
import io.flightdeck.postflight.routing.ShardMap;
import io.flightdeck.postflight.store.ShardDefinition;
import io.flightdeck.record.InvalidFieldException;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A split as asked, its fields checked (400 naming the field), then {@link #against} the catalogue
 * and the maps in force: the shards exist, the source owns what moves in both maps, no map names
 * the target yet.
 */
record SplitRequest(String source, String target, List<KeyRange> ranges, List<String> accounts) {

  static SplitRequest checked(
      String source, String target, List<String> ranges, List<String> accounts) {
    if (source == null || source.isBlank()) {
      throw new InvalidFieldException("source", "source is required: the shard to split");
    }
    if (target == null || target.isBlank()) {
      throw new InvalidFieldException("target", "target is required: the shard that takes over");
    }
    if (source.equals(target)) {
      throw new InvalidFieldException("target", "target must be another shard than the source");
    }
    List<KeyRange> parsed = new ArrayList<>();
    List<String> given = ranges == null ? List.of() : ranges;
    for (int i = 0; i < given.size(); i++) {
      parsed.add(range("ranges[" + i + "]", given.get(i)));
    }
    List<String> pinned = new ArrayList<>();
    List<String> sids = accounts == null ? List.of() : accounts;
    for (int i = 0; i < sids.size(); i++) {
      pinned.add(Sid.parse(SidKind.ACCOUNT, "accounts[" + i + "]", sids.get(i)).value());
    }
    return new SplitRequest(source, target, parsed, pinned);
  }

  private static KeyRange range(String field, String text) {
    if (text == null || !text.contains("-")) {
      throw new InvalidFieldException(
          field, field + " must be START-END in 16 hex digits (END empty for the keyspace's end)");
    }
    String[] parts = text.split("-", 2);
    long start = KeyspaceId.parse(field, parts[0].strip()).value();
    String endText = parts[1].strip();
    long end =
        endText.isEmpty() || endText.equals("end") ? 0 : KeyspaceId.parse(field, endText).value();
    KeyRange range = new KeyRange(start, end);
    if (range.isEmpty()) {
      throw new InvalidFieldException(field, field + " is empty: its end must be above its start");
    }
    return range;
  }

  /**
   * The split, checked against the catalogue and both maps (read, write); without ranges and
   * accounts, the upper half of the source's first range in the write map.
   */
  Split against(Map<String, ShardDefinition> catalogue, List<ShardMap> maps) {
    if (!catalogue.containsKey(source)) {
      throw new InvalidFieldException("source", "source: unknown shard " + source);
    }
    if (!catalogue.containsKey(target)) {
      throw new InvalidFieldException(
          "target", "target: unknown shard " + target + " (add it first: POST /admin/v1/Shards)");
    }
    for (ShardMap map : maps) {
      if (names(map, target)) {
        throw new OperationRefusedException(
            "target: a map names shard " + target + " already; a split's target serves nothing");
      }
    }
    List<KeyRange> moved = ranges;
    if (ranges.isEmpty() && accounts.isEmpty()) {
      KeyRange first =
          maps.get(1).ranges().stream()
              .filter(a -> a.shard().equals(source))
              .map(ShardMap.Assignment::range)
              .findFirst()
              .orElseThrow(
                  () ->
                      new InvalidFieldException(
                          "ranges",
                          "source " + source + " owns no range to split; name ranges or accounts"));
      moved = List.of(upperHalf(first));
    }
    for (int i = 0; i < moved.size(); i++) {
      for (ShardMap map : maps) {
        for (ShardMap.Assignment a : map.ranges()) {
          if (overlap(a.range(), moved.get(i)) && !a.shard().equals(source)) {
            throw new InvalidFieldException(
                "ranges",
                "ranges[%d]: %s is not the source's: %s of it is owned by %s"
                    .formatted(i, moved.get(i), a.range(), a.shard()));
          }
        }
      }
    }
    for (int i = 0; i < accounts.size(); i++) {
      for (ShardMap map : maps) {
        String owner = map.shardFor(accounts.get(i)).orElse("no shard");
        if (!owner.equals(source)) {
          throw new InvalidFieldException(
              "accounts",
              "accounts[%d]: %s is on %s, not on the source %s"
                  .formatted(i, accounts.get(i), owner, source));
        }
      }
    }
    return new Split(source, target, moved, accounts);
  }

  private static boolean names(ShardMap map, String shard) {
    return map.ranges().stream().anyMatch(a -> a.shard().equals(shard))
        || map.overrides().containsValue(shard);
  }

  /** Whether two ranges share an id (an end of 0 is the end of the keyspace). */
  static boolean overlap(KeyRange a, KeyRange b) {
    return before(a.start(), b.end()) && before(b.start(), a.end());
  }

  private static boolean before(long start, long end) {
    return end == 0 || Long.compareUnsigned(start, end) < 0;
  }

  /** The upper half of a range: from its middle to its end. */
  static KeyRange upperHalf(KeyRange range) {
    long width = range.end() - range.start(); // modulo 2^64: right for a range to the end too
    long half =
        width == 0 ? Long.MIN_VALUE : Long.divideUnsigned(width, 2); // 0: the whole keyspace
    return new KeyRange(range.start() + half, range.end());
  }
}
