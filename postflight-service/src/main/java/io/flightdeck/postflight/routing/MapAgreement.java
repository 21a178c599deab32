package io.flightdeck.postflight.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rule that relates the read map to the write map: every account's records are written where
 * its reads see them. A read shard sees a write shard's records when it is that shard, or when it
 * replicates from it (a split's target while it is still a replica of its source). A pair of maps
 * that breaks the rule loses records for readers: a record written where reads do not look is
 * confirmed, purged from in-flight, and then visible nowhere (No amnesia). So a map change, or a
 * change of who replicates from whom, is stored only if the maps in force afterwards agree.
 */
public final class MapAgreement {
  private MapAgreement() {}

  /**
   * Every stretch of the keyspace, and every overridden account, whose writes go to a shard its
   * reads do not see; empty when the two maps agree.
   *
   * @param replicatesFrom for each shard that is a replica of another shard, that shard's id
   */
  public static List<String> problems(
      ShardMap read, ShardMap write, Map<String, String> replicatesFrom) {
    List<String> problems = new ArrayList<>();
    List<Long> bounds = bounds(read, write);
    KeyRange pending = null;
    String pendingPair = null;
    for (int i = 0; i < bounds.size(); i++) {
      long start = bounds.get(i);
      long end = i + 1 < bounds.size() ? bounds.get(i + 1) : 0;
      KeyspaceId at = new KeyspaceId(start);
      Optional<String> readShard = shardAt(read, at);
      Optional<String> writeShard = shardAt(write, at);
      String pair = null;
      if (readShard.isPresent()
          && writeShard.isPresent()
          && !sees(readShard.get(), writeShard.get(), replicatesFrom)) {
        pair = readShard.get() + "\u0000" + writeShard.get();
      }
      if (pending != null && pair != null && pair.equals(pendingPair)) {
        pending = new KeyRange(pending.start(), end);
        continue;
      }
      if (pending != null) {
        problems.add(problem("range " + pending, pendingPair));
      }
      pending = pair == null ? null : new KeyRange(start, end);
      pendingPair = pair;
    }
    if (pending != null) {
      problems.add(problem("range " + pending, pendingPair));
    }
    Set<String> overridden = new TreeSet<>(read.overrides().keySet());
    overridden.addAll(write.overrides().keySet());
    for (String account : overridden) {
      Optional<String> readShard = read.shardFor(account);
      Optional<String> writeShard = write.shardFor(account);
      if (readShard.isPresent()
          && writeShard.isPresent()
          && !sees(readShard.get(), writeShard.get(), replicatesFrom)) {
        problems.add(problem("account " + account, readShard.get() + "\u0000" + writeShard.get()));
      }
    }
    return problems;
  }

  /** Whether reads on {@code readShard} see what is written on {@code writeShard}. */
  public static boolean sees(
      String readShard, String writeShard, Map<String, String> replicatesFrom) {
    return readShard.equals(writeShard) || writeShard.equals(replicatesFrom.get(readShard));
  }

  private static String problem(String what, String pair) {
    String[] shards = pair.split("\u0000");
    return ("%s: writes go to %s, but reads go to %s, which neither is %s nor replicates from it;"
            + " records written there would be invisible to readers")
        .formatted(what, shards[1], shards[0], shards[1]);
  }

  /** Every range start of both maps, in keyspace order: between two of them both maps are flat. */
  private static List<Long> bounds(ShardMap read, ShardMap write) {
    TreeSet<Long> bounds = new TreeSet<>(Long::compareUnsigned);
    bounds.add(0L);
    for (ShardMap map : List.of(read, write)) {
      for (ShardMap.Assignment a : map.ranges()) {
        bounds.add(a.range().start());
        if (!a.range().toEnd()) {
          bounds.add(a.range().end());
        }
      }
    }
    return List.copyOf(bounds);
  }

  private static Optional<String> shardAt(ShardMap map, KeyspaceId id) {
    return map.ranges().stream()
        .filter(a -> a.range().contains(id))
        .findFirst()
        .map(ShardMap.Assignment::shard);
  }
}
