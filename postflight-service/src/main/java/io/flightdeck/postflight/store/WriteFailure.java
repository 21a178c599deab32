package io.flightdeck.postflight.store;

import io.vertx.mysqlclient.MySQLException;
import java.util.Set;

/**
 * Whose fault a failed write of records to a shard is: the records' (a value the shard refuses; the
 * same records will fail again wherever and whenever they are tried) or the shard's (it did not
 * answer, or answered with a problem of its own; the same records may well pass later).
 */
public enum WriteFailure {
  /** The shard refused what was written: find the refused record and dead-letter it alone. */
  REFUSED_RECORDS,
  /** The shard could not take any write now: keep the records for later. */
  SHARD_UNAVAILABLE;

  /**
   * MariaDB errors about a written value whose SQLSTATE is not of the data (22) or constraint (23)
   * class: 1118 row size too large, 1153 packet (statement) too large, 1265 data truncated, 1366
   * incorrect value for a column, 1367 illegal value for the type, 1526 no partition for the value.
   */
  private static final int NULL_FOR_NOT_NULL = 1048;

  private static final Set<Integer> REFUSED_VALUE_CODES =
      Set.of(1118, 1153, 1265, 1366, 1367, 1526);

  /**
   * Connection failures, timeouts, a read-only or missing table, lock waits and every failure not
   * known to be about the values are the shard's: records wait for it (a bounded number of times)
   * rather than be dead-lettered for an outage.
   */
  public static WriteFailure of(Throwable failure) {
    if (failure instanceof UnstorableRecordException) {
      return REFUSED_RECORDS;
    }
    if (isIdCollision(failure)) {
      return SHARD_UNAVAILABLE;
    }
    if (failure instanceof MySQLException sql) {
      String state = sql.getSqlState() == null ? "" : sql.getSqlState();
      if (state.startsWith("22")
          || state.startsWith("23")
          || REFUSED_VALUE_CODES.contains(sql.getErrorCode())) {
        return REFUSED_RECORDS;
      }
    }
    return SHARD_UNAVAILABLE;
  }

  /** MariaDB's ER_OPTION_PREVENTS_STATEMENT: the server runs with {@code read_only}. */
  private static final int READ_ONLY = 1290;

  /**
   * Whether the shard refused the write because it is {@code read_only}: a pivot blocks writes on
   * the old primary that way until the catalogue names the new one.
   */
  public static boolean isReadOnly(Throwable failure) {
    return failure instanceof MySQLException sql && sql.getErrorCode() == READ_ONLY;
  }

  /**
   * MariaDB's 1048 (a NULL for a NOT NULL column) on {@code version}: no record carries a NULL
   * version, so this is {@link RecordTable}'s guard, refusing to touch another record's row that an
   * AUTO_INCREMENT id handed out twice made the duplicate. The same records pass when tried again,
   * with new ids.
   */
  static boolean isIdCollision(Throwable failure) {
    return failure instanceof MySQLException sql
        && sql.getErrorCode() == NULL_FOR_NOT_NULL
        && String.valueOf(sql.getMessage()).contains("'version'");
  }
}
