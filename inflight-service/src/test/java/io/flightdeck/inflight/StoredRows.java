package io.flightdeck.inflight;

import io.flightdeck.servers.MariaDbEndpoint;
import io.flightdeck.servers.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * What the in-flight store holds, read over a connection of the test's own: what MariaDB committed,
 * not what the service says.
 */
public final class StoredRows {
  private StoredRows() {}

  /** The in-flight nodes the tests run ({@link WithRealServers}), by store name. */
  public static final List<String> NODES = List.of("inflight-0", "inflight-1");

  /** A live row's status and version. */
  public record Live(String status, long version) {}

  /** The record's live row, on whichever node holds it. */
  public static Optional<Live> live(String sid) {
    for (String node : NODES) {
      Optional<Live> found =
          query(
              node,
              "SELECT status, version FROM live_record WHERE sid = ?",
              sid,
              rows ->
                  rows.next()
                      ? Optional.of(new Live(rows.getString(1), rows.getLong(2)))
                      : Optional.empty());
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** The nodes whose live table holds the record (one, for a record that exists). */
  public static List<String> nodesHolding(String sid) {
    return NODES.stream().filter(node -> count(node, "live_record", "sid", sid) > 0).toList();
  }

  /**
   * How many rows hold {@code value} in {@code column} of {@code table}, on every node together.
   */
  public static long count(String table, String column, String value) {
    return NODES.stream().mapToLong(node -> count(node, table, column, value)).sum();
  }

  private static long count(String node, String table, String column, String value) {
    return query(
        node,
        "SELECT COUNT(*) FROM " + table + " WHERE " + column + " = ?",
        value,
        rows -> rows.next() ? rows.getLong(1) : 0L);
  }

  private interface Reading<T> {
    T read(ResultSet rows) throws SQLException;
  }

  /** A row of the legacy combined store: its state, and whether it is a copy. */
  public record Legacy(String status, long version, boolean mirrored) {}

  /** The record's row in the legacy store, if it has one. */
  public static Optional<Legacy> legacy(String sid) {
    return query(
        "legacy",
        "legacy",
        "SELECT status, version, mirrored FROM records WHERE sid = ?",
        sid,
        rows ->
            rows.next()
                ? Optional.of(new Legacy(rows.getString(1), rows.getLong(2), rows.getBoolean(3)))
                : Optional.empty());
  }

  /** How many events for {@code account} wait in the legacy store's outbox. */
  public static long legacyOutbox(String account) {
    return query(
        "legacy",
        "legacy",
        "SELECT COUNT(*) FROM outbox WHERE account_sid = ?",
        account,
        rows -> rows.next() ? rows.getLong(1) : 0L);
  }

  /** Runs a statement on the legacy store, as an operator or a seed would. */
  public static void legacySql(String sql) {
    MariaDbEndpoint server = TestServers.mariaDb("legacy");
    try (Connection connection =
            DriverManager.getConnection(
                server.jdbcUrl("legacy"), server.user(), server.password());
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.execute();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static <T> T query(String node, String sql, String argument, Reading<T> reading) {
    return query(node, "inflight", sql, argument, reading);
  }

  private static <T> T query(
      String node, String database, String sql, String argument, Reading<T> reading) {
    MariaDbEndpoint server = TestServers.mariaDb(node);
    try (Connection connection =
            DriverManager.getConnection(
                server.jdbcUrl(database), server.user(), server.password());
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, argument);
      try (ResultSet rows = statement.executeQuery()) {
        return reading.read(rows);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
