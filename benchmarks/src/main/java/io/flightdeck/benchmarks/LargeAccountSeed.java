package io.flightdeck.benchmarks;

import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The large account of {@link LargeAccountList}, written straight into its shard's calls table. */
record LargeAccountSeed(int rows, int seedConnections) {
  /** Rows per INSERT statement. */
  static final int ROWS_PER_INSERT = 1000;

  /**
   * The account's calls are spread evenly over {@link #SPAN} from here: four monthly partitions,
   * whatever the number of rows.
   */
  private static final LocalDateTime FIRST_CREATED = LocalDateTime.of(2026, 7, 1, 0, 0);

  private static final Duration SPAN = Duration.ofDays(120);

  /**
   * Inserts the account's calls straight into the shard's calls table, {@link #ROWS_PER_INSERT} per
   * statement, newest last; returns every thousandth Sid, for get-by-Sid.
   */
  List<String> seed(Pool shard, String account) throws Exception {
    List<String> sample = new ArrayList<>();
    long spacingMicros = SPAN.toNanos() / 1000 / rows;
    List<CompletableFuture<?>> running = new ArrayList<>();
    for (int first = 0; first < rows; first += ROWS_PER_INSERT) {
      StringBuilder sql =
          new StringBuilder(
              "INSERT INTO calls (sid, account_sid, status, direction, from_address, to_address, "
                  + "start_time, end_time, duration, price, price_unit, date_created, date_updated, version) VALUES ");
      for (int i = first; i < Math.min(rows, first + ROWS_PER_INSERT); i++) {
        String sid = Sid.mint(SidKind.CALL).value();
        if (i % 1000 == 0) {
          sample.add(sid);
        }
        LocalDateTime created =
            FIRST_CREATED.plus(i * spacingMicros, java.time.temporal.ChronoUnit.MICROS);
        sql.append(i == first ? "(" : ",(")
            .append('\'')
            .append(sid)
            .append("','")
            .append(account)
            .append("','completed','outbound-api','+14155550100','+1415555")
            .append(String.format("%04d", i % 10000))
            .append("','")
            .append(created.plusSeconds(2))
            .append("','")
            .append(created.plusSeconds(62))
            .append("','60','-0.0140','USD','")
            .append(created)
            .append("','")
            .append(created.plusSeconds(63))
            .append("',4)");
      }
      running.add(shard.query(sql.toString()).execute().toCompletionStage().toCompletableFuture());
      if (running.size() >= seedConnections) {
        running.remove(0).get(10, TimeUnit.MINUTES);
      }
      if ((first / ROWS_PER_INSERT) % 100 == 99) {
        System.out.printf("list: %d rows …%n", first + ROWS_PER_INSERT);
      }
    }
    for (CompletableFuture<?> statement : running) {
      statement.get(10, TimeUnit.MINUTES);
    }
    return sample;
  }
}
