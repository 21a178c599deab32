package io.flightdeck.benchmarks;

import io.flightdeck.legacy.LegacyTable;
import io.flightdeck.record.CallStatus;
import io.flightdeck.record.MessageStatus;
import io.flightdeck.record.Status;
import io.flightdeck.servers.MariaDbEndpoint;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * LegacyMigration's ceiling: the legacy rows seeded a second time into a scratch schema of the
 * shard's server, then copied to tables shaped like the shard's by one {@code INSERT … SELECT} per
 * kind, the copy with no client and no network in between.
 */
final class InsertSelectCeiling {
  private InsertSelectCeiling() {}

  /**
   * The scratch schemas on the shard's server ({@code sql}'s connection): {@code ceiling_source}
   * with legacy's own {@code records} table (its definition read from {@code source}), left as the
   * current database for the seed's inserts, and {@code ceiling_target} shaped like the shard.
   */
  static void prepare(Connection source, Statement sql) throws Exception {
    try (Statement show = source.createStatement();
        var table = show.executeQuery("SHOW CREATE TABLE records")) {
      table.next();
      sql.execute("CREATE DATABASE ceiling_source");
      sql.execute("CREATE DATABASE ceiling_target");
      sql.execute("USE ceiling_source");
      sql.execute(table.getString(2));
      sql.execute("CREATE TABLE ceiling_target.calls LIKE postflight.calls");
      sql.execute("CREATE TABLE ceiling_target.messages LIKE postflight.messages");
      sql.execute("USE ceiling_source");
    }
  }

  /** A bulk INSERT … SELECT of the finished rows, between two schemas of the shard's server. */
  static double measure(MariaDbEndpoint shard, long finished, Report report) throws Exception {
    try (Connection connection =
            DriverManager.getConnection(
                shard.jdbcUrl("ceiling_target"), shard.user(), shard.password());
        Statement sql = connection.createStatement()) {
      long begin = System.nanoTime();
      long copied = 0;
      for (LegacyTable<?> table : List.of(LegacyTable.CALLS, LegacyTable.MESSAGES)) {
        String columns = String.join(", ", table.columns().names());
        copied +=
            sql.executeUpdate(
                "INSERT INTO "
                    + (table == LegacyTable.CALLS ? "calls" : "messages")
                    + " ("
                    + columns
                    + ") SELECT "
                    + columns
                    + " FROM ceiling_source.records WHERE kind = '"
                    + table.kind()
                    + "' AND status IN ("
                    + terminal(table)
                    + ")");
      }
      double seconds = (System.nanoTime() - begin) / 1e9;
      sql.execute("DROP DATABASE ceiling_source");
      sql.execute("DROP DATABASE ceiling_target");
      report.line("INSERT … SELECT of %d rows on the shard's server in %.1f s", copied, seconds);
      if (copied != finished) {
        throw new IllegalStateException("the ceiling copied " + copied + " rows, not " + finished);
      }
      return copied / seconds;
    }
  }

  private static String terminal(LegacyTable<?> table) {
    var statuses =
        table == LegacyTable.CALLS ? CallStatus.values() : (Status[]) MessageStatus.values();
    return Arrays.stream(statuses)
        .filter(Status::terminal)
        .map(s -> "'" + s.wireName() + "'")
        .collect(Collectors.joining(", "));
  }
}
