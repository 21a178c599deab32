package io.flightdeck.postflight.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which shard owns an account: per-account overrides first (to isolate a large customer), else the
 * range of the keyspace its {@link KeyspaceId} falls in. Immutable; a change is a new map. A map in
 * force has passed {@link MapValidation}: its ranges cover the keyspace once.
 */
public record ShardMap(List<Assignment> ranges, Map<String, String> overrides) {

  public ShardMap {
    ranges = List.copyOf(ranges);
    overrides = Map.copyOf(overrides);
  }

  /** A range of the keyspace and the shard that owns it. */
  public record Assignment(KeyRange range, String shard) {}

  /**
   * Where an account goes, and why: by an override (no range) or by the range holding its id.
   *
   * @param range the range that placed the account; empty when an override pinned it
   */
  public record Placement(String shard, KeyspaceId keyspaceId, Optional<KeyRange> range) {
    public boolean byOverride() {
      return range.isEmpty();
    }
  }

  /** The whole keyspace cut into equal ranges, one per shard, in the order given. */
  public static ShardMap evenly(List<String> shards) {
    List<Assignment> ranges = new ArrayList<>();
    long width = Long.divideUnsigned(-1L, shards.size()) + 1;
    for (int i = 0; i < shards.size(); i++) {
      long start = width * i;
      long end = i == shards.size() - 1 ? 0 : width * (i + 1);
      ranges.add(new Assignment(new KeyRange(start, end), shards.get(i)));
    }
    return new ShardMap(ranges, Map.of());
  }

  /** The shard for this account, empty only if the map leaves its keyspace id uncovered. */
  public Optional<String> shardFor(String accountSid) {
    return placement(accountSid).map(Placement::shard);
  }

  /** The shard for this account and the override or range that chose it. */
  public Optional<Placement> placement(String accountSid) {
    KeyspaceId id = KeyspaceId.of(accountSid);
    String pinned = overrides.get(accountSid);
    if (pinned != null) {
      return Optional.of(new Placement(pinned, id, Optional.empty()));
    }
    return ranges.stream()
        .filter(a -> a.range().contains(id))
        .findFirst()
        .map(a -> new Placement(a.shard(), id, Optional.of(a.range())));
  }
}
