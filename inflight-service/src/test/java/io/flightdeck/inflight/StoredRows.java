package io.flightdeck.inflight;

import io.flightdeck.servers.MariaDbEndpoint;
import io.flightdeck.servers.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * What the in-flight store holds, read over a connection of the test's own: what MariaDB committed,
 * not what the service says.
 */
public final class StoredRows {
  private StoredRows() {}

  /** A live row's status and version. */
  public record Live(String status, long version) {}

  public static Optional<Live> live(String sid) {
    return query(
        "SELECT status, version FROM live_record WHERE sid = ?",
        sid,
        rows ->
            rows.next()
                ? Optional.of(new Live(rows.getString(1), rows.getLong(2)))
                : Optional.empty());
  }

  private interface Reading<T> {
    T read(ResultSet rows) throws SQLException;
  }

  private static <T> T query(String sql, String argument, Reading<T> reading) {
    MariaDbEndpoint server = TestServers.mariaDb("inflight");
    try (Connection connection =
            DriverManager.getConnection(
                server.jdbcUrl("inflight"), server.user(), server.password());
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
