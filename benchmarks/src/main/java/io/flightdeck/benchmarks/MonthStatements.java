package io.flightdeck.benchmarks;

import io.flightdeck.postflight.partitions.RetirementStatements;
import io.vertx.sqlclient.Pool;
import java.time.YearMonth;

/**
 * The two ways {@link MonthRetirement} retires a month of calls, each timed: postflight's own
 * partition retirement (swap the partition out, drop it, drop the swapped table), and DELETE in
 * chunks.
 */
final class MonthStatements {
  /** A retirement's window in {@link System#nanoTime()}, and the time {@code calls} was locked. */
  record Dropped(long start, long end, long lockedNanos) {
    double millis() {
      return (end - start) / 1e6;
    }
  }

  /** A DELETE's window in {@link System#nanoTime()}, its statements and the rows they removed. */
  record Deleted(long start, long end, int statements, long rows) {
    double millis() {
      return (end - start) / 1e6;
    }
  }

  private MonthStatements() {}

  static String partition(YearMonth month) {
    return String.format("p%d%02d", month.getYear(), month.getMonthValue());
  }

  static Dropped drop(Pool shard, YearMonth month) throws Exception {
    long start = System.nanoTime();
    long locked = 0; // time in the statements that lock calls itself
    for (String statement : RetirementStatements.of("calls", partition(month))) {
      long begin = System.nanoTime();
      Sql.await(shard.query(statement).execute());
      if (statement.startsWith("ALTER TABLE calls ")) {
        locked += System.nanoTime() - begin;
      }
    }
    return new Dropped(start, System.nanoTime(), locked);
  }

  static Deleted delete(Pool shard, YearMonth month, int chunk) throws Exception {
    String delete =
        "DELETE FROM calls WHERE date_created >= '"
            + month.atDay(1)
            + "' AND date_created < '"
            + month.plusMonths(1).atDay(1)
            + "' LIMIT "
            + chunk;
    long start = System.nanoTime();
    int statements = 0;
    long deleted = 0;
    while (true) {
      int affected = Sql.await(shard.query(delete).execute()).rowCount();
      statements++;
      deleted += affected;
      if (affected == 0) {
        break;
      }
    }
    return new Deleted(start, System.nanoTime(), statements, deleted);
  }
}
