package io.flightdeck.postflight.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which shard owns an account: per-account overrides first (to isolate a large customer), else the
 * range of the keyspace its {@link KeyspaceId} falls in. Immutable; a change is a new map.
 */
public record ShardMap(List<Assignment> ranges, Map<String, String> overrides) {

  /** A range of the keyspace and the shard that owns it. */
  public record Assignment(KeyRange range, String shard) {}

  /** The whole keyspace cut into equal ranges, one per shard, in the order given. */
  public static ShardMap evenly(List<String> shards) {
    List<Assignment> ranges = new ArrayList<>();
    long width = Long.divideUnsigned(-1L, shards.size()) + 1;
    for (int i = 0; i < shards.size(); i++) {
      long start = width * i;
      long end = i == shards.size() - 1 ? 0 : width * (i + 1);
      ranges.add(new Assignment(new KeyRange(start, end), shards.get(i)));
    }
    return new ShardMap(List.copyOf(ranges), Map.of());
  }

  /** The shard for this account, empty only if the map leaves its keyspace id uncovered. */
  public Optional<String> shardFor(String accountSid) {
    String pinned = overrides.get(accountSid);
    if (pinned != null) {
      return Optional.of(pinned);
    }
    KeyspaceId id = KeyspaceId.of(accountSid);
    return ranges.stream().filter(a -> a.range().contains(id)).map(Assignment::shard).findFirst();
  }
}
