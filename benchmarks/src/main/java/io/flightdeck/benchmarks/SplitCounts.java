package io.flightdeck.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@link SplitUnderLoad}'s bookkeeping: the operation followed to its end, and rows counted. */
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

  /** Polls the split's status until nothing more will happen; prints each new summary. */
  static JsonNode awaitFinished(ServiceClient admin, String id, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String said = "";
    while (System.nanoTime() < deadline) {
      JsonNode status = admin.get("/admin/v1/ShardSplits/" + id);
      String summary = status.path("summary").asText();
      if (!summary.equals(said)) {
        System.out.printf("  %s: %s%n", status.path("status").asText(), summary);
        said = summary;
      }
      if (List.of("completed", "failed", "cancelled").contains(status.path("status").asText())) {
        return status;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("the split did not finish within " + timeout);
  }

  /**
   * Records lost or misplaced: for each account, the calls seeded and published that its own shard
   * (after the split) lacks, plus those still on the other shard. Waits for ingest to settle first
   * (until nothing is missing, or {@link #SETTLE}).
   */
  static long lost(Map<String, Long> seeded, Map<String, Long> published, Pool source, Pool target)
      throws Exception {
    Map<String, Long> expected = new HashMap<>(seeded);
    published.forEach((account, n) -> expected.merge(account, n, Long::sum));
    Map<String, String> home = SplitUnderLoad.expectedShards(List.copyOf(expected.keySet()));
    long deadline = System.nanoTime() + SETTLE.toNanos();
    long lost;
    do {
      Map<String, Long> onSource = perAccount(source);
      Map<String, Long> onTarget = perAccount(target);
      lost = 0;
      for (Map.Entry<String, Long> account : expected.entrySet()) {
        boolean moved = home.get(account.getKey()).equals(SplitUnderLoad.TARGET);
        long there = (moved ? onTarget : onSource).getOrDefault(account.getKey(), 0L);
        long elsewhere = (moved ? onSource : onTarget).getOrDefault(account.getKey(), 0L);
        lost += Math.max(0, account.getValue() - there) + elsewhere;
      }
      if (lost > 0) {
        Thread.sleep(1_000);
      }
    } while (lost > 0 && System.nanoTime() < deadline);
    return lost;
  }
}
