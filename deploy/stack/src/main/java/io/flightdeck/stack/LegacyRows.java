package io.flightdeck.stack;

import io.flightdeck.legacy.LegacyTable;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.MessageRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Writes records into the legacy combined store's {@code records} table as records that live there
 * ({@code mirrored = 0}), through legacy-store's {@link LegacyTable} mapping, the one the services
 * read them back with. Rows go in multi-row {@code INSERT}s of {@link #ROWS_PER_STATEMENT} rows,
 * each its own transaction: a seed of a million records is a few thousand round trips, and a
 * failure leaves whole statements behind, never half a row. Refuses (a {@link SQLException} naming
 * the duplicate) a Sid the table holds already; it does not update.
 */
public final class LegacyRows {

  /**
   * Rows per statement: large enough that the round trip is a small part of each, small enough to
   * stay far below the driver's 65,535 placeholders (26 columns a call).
   */
  static final int ROWS_PER_STATEMENT = 500;

  private LegacyRows() {}

  /**
   * Inserts the records, calls and messages apart, in the connection's database.
   *
   * @return how many rows were inserted
   */
  public static long insert(Connection connection, List<? extends LifecycleRecord> records)
      throws SQLException {
    List<CallRecord> calls = new ArrayList<>();
    List<MessageRecord> messages = new ArrayList<>();
    for (LifecycleRecord record : records) {
      if (record instanceof CallRecord call) {
        calls.add(call);
      } else if (record instanceof MessageRecord message) {
        messages.add(message);
      } else {
        throw new IllegalArgumentException("not a call or message: " + record);
      }
    }
    return insert(connection, LegacyTable.CALLS, calls)
        + insert(connection, LegacyTable.MESSAGES, messages);
  }

  private static <R extends LifecycleRecord> long insert(
      Connection connection, LegacyTable<R> table, List<R> records) throws SQLException {
    long inserted = 0;
    PreparedStatement full = null;
    try {
      for (int from = 0; from < records.size(); from += ROWS_PER_STATEMENT) {
        List<R> chunk = records.subList(from, Math.min(records.size(), from + ROWS_PER_STATEMENT));
        if (chunk.size() == ROWS_PER_STATEMENT) {
          if (full == null) {
            full = connection.prepareStatement(sql(table, ROWS_PER_STATEMENT));
          }
          inserted += execute(full, table, chunk);
        } else {
          try (PreparedStatement last = connection.prepareStatement(sql(table, chunk.size()))) {
            inserted += execute(last, table, chunk);
          }
        }
      }
    } finally {
      if (full != null) {
        full.close();
      }
    }
    return inserted;
  }

  private static <R extends LifecycleRecord> int execute(
      PreparedStatement statement, LegacyTable<R> table, List<R> chunk) throws SQLException {
    int index = 1;
    for (R record : chunk) {
      statement.setString(index++, table.kind());
      statement.setBoolean(index++, false);
      for (Object value : table.columns().values(record)) {
        statement.setObject(index++, value);
      }
    }
    return statement.executeUpdate();
  }

  /** {@code INSERT INTO records (kind, mirrored, <the kind's columns>) VALUES (…), …}. */
  static String sql(LegacyTable<?> table, int rows) {
    List<String> names = table.columns().names();
    String row = "(?, ?, " + String.join(", ", Collections.nCopies(names.size(), "?")) + ")";
    return "INSERT INTO records (kind, mirrored, "
        + String.join(", ", names)
        + ") VALUES "
        + String.join(", ", Collections.nCopies(rows, row));
  }
}
