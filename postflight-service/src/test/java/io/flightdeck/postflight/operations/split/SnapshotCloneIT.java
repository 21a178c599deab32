package io.flightdeck.postflight.operations.split;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightdeck.postflight.FreshShards;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The clone on real MariaDB servers: a source shard on the test servers' shard-1 MariaDB copied to
 * a target on shard-0's, while a writer keeps committing calls to the source one at a time.
 */
class SnapshotCloneIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int ACCOUNTS = 20;
  private static final int ROWS_PER_ACCOUNT = 150;

  private static Vertx vertx;
  private static Pool source;
  private static Pool target;

  @BeforeAll
  static void twoShards() {
    vertx = Vertx.vertx();
    source = FreshShards.pool(vertx, FreshShards.migrated("shard-1", "clone_source"));
    target = FreshShards.pool(vertx, FreshShards.migrated("shard-0", "clone_target"));
    for (int account = 1; account <= ACCOUNTS; account++) {
      String sid = "CONCAT('AC', LPAD(" + account + ", 32, '0'))";
      String created = "TIMESTAMP('2026-01-01') + INTERVAL seq * 7 MINUTE";
      execute(
          source,
          "INSERT INTO calls (sid, account_sid, status, date_created, date_updated, version)"
              + " SELECT CONCAT('CA', LPAD("
              + account
              + ", 8, '0'), LPAD(HEX(seq), 24, '0')), "
              + sid
              + ", 'completed', "
              + created
              + ", "
              + created
              + ", 1 FROM seq_1_to_"
              + ROWS_PER_ACCOUNT);
      execute(
          source,
          "INSERT INTO messages (sid, account_sid, status, direction, body, date_created,"
              + " date_updated, version) SELECT CONCAT('SM', LPAD("
              + account
              + ", 8, '0'), LPAD(HEX(seq), 24, '0')), "
              + sid
              + ", 'delivered', 'outbound-api', 'hi', "
              + created
              + ", "
              + created
              + ", 1 FROM seq_1_to_"
              + ROWS_PER_ACCOUNT);
    }
  }

  @AfterAll
  static void close() {
    source.closeAndAwait();
    target.closeAndAwait();
    vertx.closeAndAwait();
  }

  @Test
  void theTargetHoldsExactlyTheSourceAtItsSnapshotsGtidPosition() throws Exception {
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicLong written = new AtomicLong();
    CompletableFuture<Void> writer =
        CompletableFuture.runAsync(
            () -> {
              while (writing.get()) {
                long n = written.incrementAndGet();
                execute(
                    source,
                    "INSERT INTO calls (sid, account_sid, status, date_created, date_updated,"
                        + " version) VALUES (CONCAT('CA', LPAD("
                        + n
                        + ", 32, '0')), CONCAT('AC', LPAD(99, 32, '0')), 'completed',"
                        + " '2026-02-01', '2026-02-01', 1)");
              }
            });
    List<Long> progress = new ArrayList<>();
    SnapshotClone.Cloned cloned;
    try {
      while (written.get() < 5) {
        Thread.sleep(10);
      }
      cloned =
          SnapshotClone.copy(
                  source,
                  target,
                  rows -> {
                    progress.add(rows);
                    return io.smallrye.mutiny.Uni.createFrom().voidItem();
                  })
              .await()
              .atMost(WAIT);
      long afterClone = written.get();
      while (written.get() < afterClone + 5) {
        Thread.sleep(10);
      }
    } finally {
      writing.set(false);
      writer.get();
    }

    Map<String, Long> seededOnSource = perAccount(source, "account_sid <> " + writerAccount());
    Map<String, Long> seededOnTarget = perAccount(target, "account_sid <> " + writerAccount());
    assertThat(seededOnTarget).hasSize(ACCOUNTS).isEqualTo(seededOnSource);
    assertThat(seededOnTarget.values()).allMatch(n -> n == 2L * ROWS_PER_ACCOUNT);

    // The writer commits its calls one after the other: a consistent snapshot holds the first k of
    // them, with no gap, and not the later ones.
    List<Long> writerCalls =
        query(
                target,
                "SELECT CAST(SUBSTRING(sid, 3) AS UNSIGNED) FROM calls WHERE account_sid = "
                    + writerAccount()
                    + " ORDER BY 1")
            .stream()
            .map(r -> r.getLong(0))
            .toList();
    long k = writerCalls.size();
    assertThat(k).isPositive().isLessThan(written.get());
    assertThat(writerCalls)
        .isEqualTo(java.util.stream.LongStream.rangeClosed(1, k).boxed().toList());

    long seeded = 2L * ACCOUNTS * ROWS_PER_ACCOUNT;
    assertThat(cloned.rows()).isEqualTo(seeded + k);
    assertThat(progress).isSorted().last().isEqualTo(seeded + k);
    String domain = query(source, "SELECT @@gtid_domain_id").get(0).getValue(0).toString();
    assertThat(cloned.gtidPosition()).contains(domain + "-");
  }

  private static String writerAccount() {
    return "CONCAT('AC', LPAD(99, 32, '0'))";
  }

  private static Map<String, Long> perAccount(Pool pool, String where) {
    Map<String, Long> counts = new TreeMap<>();
    for (String table : SnapshotClone.TABLES) {
      for (Row row :
          query(
              pool,
              "SELECT account_sid, COUNT(*) FROM "
                  + table
                  + " WHERE "
                  + where
                  + " GROUP BY account_sid")) {
        counts.merge(row.getString(0), row.getLong(1), Long::sum);
      }
    }
    return counts;
  }

  private static List<Row> query(Pool pool, String sql) {
    List<Row> rows = new ArrayList<>();
    pool.query(sql).execute().await().atMost(WAIT).forEach(rows::add);
    return rows;
  }

  private static void execute(Pool pool, String sql) {
    pool.query(sql).execute().await().atMost(WAIT);
  }
}
