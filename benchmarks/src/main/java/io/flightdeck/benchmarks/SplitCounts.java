package io.flightdeck.benchmarks;

import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * The records of {@link SplitUnderLoad} and {@link PivotUnderLoad} counted afterwards: calls per
 * account on a shard, and those published that the shard meant to hold them lacks.
 */
final class SplitCounts {
  /** How long stored counts may take to settle once the load stopped. */
  private static final Duration SETTLE = Duration.ofMinutes(2);

  private SplitCounts() {}

  /** Calls per account on the shard. */
  static Map<String, Long> perAccount(Pool shard) throws Exception {
    Map<String, Long> counts = new HashMap<>();
    for (Row row :
        shard
            .query("SELECT account_sid, COUNT(*) FROM calls GROUP BY account_sid")
            .execute()
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.MINUTES)) {
      counts.put(row.getString(0), row.getLong(1));
    }
    return counts;
  }

  /**
   * Records lost or misplaced by a split: for each account, the calls seeded and published that its
   * own shard (after the split) lacks, plus those still on the other shard, once ingest settled.
   */
  static long lost(Map<String, Long> seeded, Map<String, Long> published, Pool source, Pool target)
      throws Exception {
    Map<String, Long> expected = new HashMap<>(seeded);
    published.forEach((account, n) -> expected.merge(account, n, Long::sum));
    Map<String, String> home = SplitRange.expectedShards(List.copyOf(expected.keySet()));
    return settled(
        () -> {
          Map<String, Long> onSource = perAccount(source);
          Map<String, Long> onTarget = perAccount(target);
          long lost = 0;
          for (Map.Entry<String, Long> account : expected.entrySet()) {
            boolean moved = home.get(account.getKey()).equals(SplitRange.TARGET);
            long there = (moved ? onTarget : onSource).getOrDefault(account.getKey(), 0L);
            long elsewhere = (moved ? onSource : onTarget).getOrDefault(account.getKey(), 0L);
            lost += Math.max(0, account.getValue() - there) + elsewhere;
          }
          return lost;
        });
  }

  /** Calls published that the shard lacks, once ingest settled. */
  static long missing(Map<String, Long> published, Pool shard) throws Exception {
    return settled(
        () -> {
          Map<String, Long> stored = perAccount(shard);
          long missing = 0;
          for (Map.Entry<String, Long> account : published.entrySet()) {
            missing += Math.max(0, account.getValue() - stored.getOrDefault(account.getKey(), 0L));
          }
          return missing;
        });
  }

  /** The count once it is zero, or its last value after {@link #SETTLE}. */
  private static long settled(Callable<Long> count) throws Exception {
    long deadline = System.nanoTime() + SETTLE.toNanos();
    long n = count.call();
    while (n > 0 && System.nanoTime() < deadline) {
      Thread.sleep(1_000);
      n = count.call();
    }
    return n;
  }
}
