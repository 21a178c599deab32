package io.flightdeck.postflight.operations.migration;

import io.flightdeck.legacy.LegacyTable;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.MessageRecord;
import io.flightdeck.servers.MariaDbEndpoint;
import io.flightdeck.servers.testing.TestServers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/**
 * The legacy combined store of the test servers, written by hand the way inflight-service writes it
 * (records born there, copies, a transition bumping {@code version} and {@code date_updated}) or
 * behind its back (a field changed, nothing else).
 */
final class LegacyRecords {
  private LegacyRecords() {}

  /**
   * Migrates the legacy schema (legacy-store's {@code db/legacy}) on the test servers' legacy
   * MariaDB.
   */
  static void migrated() {
    MariaDbEndpoint legacy = TestServers.mariaDb("legacy");
    new io.flightdeck.postflight.store.DatabaseServer(
            legacy.host(), legacy.port(), legacy.user(), legacy.password(), "legacy")
        .migrate("classpath:db/legacy");
  }

  /**
   * Inserts the records, born in legacy ({@code mirrored = 0}) or copies ({@code 1}), in batches.
   */
  static void insert(List<? extends LifecycleRecord> records, boolean mirrored) {
    MariaDbEndpoint legacy = TestServers.mariaDb("legacy");
    try (Connection connection =
        DriverManager.getConnection(
            legacy.jdbcUrl("legacy") + "?rewriteBatchedStatements=true",
            legacy.user(),
            legacy.password())) {
      for (LegacyTable<?> table : List.of(LegacyTable.CALLS, LegacyTable.MESSAGES)) {
        List<String> names = table.columns().names();
        try (PreparedStatement statement =
            connection.prepareStatement(
                "INSERT INTO records (kind, mirrored, "
                    + String.join(", ", names)
                    + ") VALUES (?, ?, "
                    + String.join(", ", Collections.nCopies(names.size(), "?"))
                    + ")")) {
          for (LifecycleRecord record : records) {
            if ((record instanceof CallRecord) != (table == LegacyTable.CALLS)) {
              continue;
            }
            Object[] values = values(record);
            statement.setString(1, table.kind());
            statement.setBoolean(2, mirrored);
            for (int i = 0; i < values.length; i++) {
              statement.setObject(i + 3, values[i]);
            }
            statement.addBatch();
          }
          statement.executeBatch();
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("inserting legacy records: " + e.getMessage(), e);
    }
  }

  /**
   * A transition as inflight-service makes it: status, {@code version + 1}, {@code date_updated}.
   */
  static void transition(String sid, String status) {
    update(sid, "status = ?, version = version + 1, date_updated = NOW(6)", status);
  }

  /** A change behind inflight-service's back: one field, no version, no date_updated. */
  static void changeBehindItsBack(String sid, String toAddress) {
    update(sid, "to_address = ?", toAddress);
  }

  /** A change with a fresh {@code date_updated} but no new version (a broken writer). */
  static void changeKeepingVersion(String sid, String toAddress) {
    update(sid, "to_address = ?, date_updated = NOW(6)", toAddress);
  }

  private static Object[] values(LifecycleRecord record) {
    return record instanceof CallRecord c
        ? LegacyTable.CALLS.columns().values(c)
        : LegacyTable.MESSAGES.columns().values((MessageRecord) record);
  }

  /** Updates the record's row: {@code set} has one parameter, bound to {@code value}. */
  private static void update(String sid, String set, String value) {
    String sql = "UPDATE records SET " + set + " WHERE sid = ?";
    MariaDbEndpoint legacy = TestServers.mariaDb("legacy");
    try (Connection connection =
            DriverManager.getConnection(
                legacy.jdbcUrl("legacy"), legacy.user(), legacy.password());
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, value);
      statement.setString(2, sid);
      statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
