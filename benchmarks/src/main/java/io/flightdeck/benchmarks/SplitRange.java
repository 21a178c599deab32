package io.flightdeck.benchmarks;

import io.flightdeck.postflight.routing.KeyRange;
import io.flightdeck.postflight.routing.KeyspaceId;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link SplitUnderLoad} moves: the upper half of shard-1's range (when two shards share the
 * keyspace) into a new shard, and the accounts on either side of that line, found with the
 * routing's own keyspace ids.
 */
final class SplitRange {
  static final String SOURCE = "shard-1";
  static final String TARGET = "shard-2";

  /** The target's schema, on shard-0's server: the benchmark starts no third MariaDB. */
  static final String TARGET_DATABASE = "postflight_split";

  static final KeyRange MOVED = new KeyRange(0xc000000000000000L, 0);

  private SplitRange() {}

  /** Whether the account's keyspace id puts it on shard-1, the upper half of the keyspace. */
  static boolean onSource(String account) {
    return Long.compareUnsigned(KeyspaceId.of(account).value(), 0x8000000000000000L) >= 0;
  }

  /**
   * Accounts of the source shard, the first half of them in the range the split moves, so both
   * sides keep taking writes.
   */
  static List<String> owners(int accounts) {
    List<String> moved = new ArrayList<>();
    List<String> staying = new ArrayList<>();
    while (moved.size() + staying.size() < accounts) {
      String account = Sid.mint(SidKind.ACCOUNT).value();
      boolean inRange = MOVED.contains(KeyspaceId.of(account));
      if (onSource(account) && inRange && moved.size() < accounts / 2) {
        moved.add(account);
      } else if (onSource(account) && !inRange && staying.size() < accounts - accounts / 2) {
        staying.add(account);
      }
    }
    List<String> all = new ArrayList<>(moved);
    all.addAll(staying);
    return all;
  }

  /** The shard each account's reads go to after the split, for the loss count. */
  static Map<String, String> expectedShards(List<String> owners) {
    Map<String, String> shards = new LinkedHashMap<>();
    owners.forEach(a -> shards.put(a, MOVED.contains(KeyspaceId.of(a)) ? TARGET : SOURCE));
    return shards;
  }
}
