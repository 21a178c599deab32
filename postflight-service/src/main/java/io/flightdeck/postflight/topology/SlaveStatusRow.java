package io.flightdeck.postflight.topology;

import io.vertx.mutiny.sqlclient.Row;
import java.util.Optional;

/**
 * A row of MariaDB's {@code SHOW SLAVE STATUS}, read the same way by the topology's probe and the
 * split's replication link: the lag as MariaDB states it (none while it does not know it) and the
 * last error of either replication thread.
 */
public final class SlaveStatusRow {
  private SlaveStatusRow() {}

  /** {@code Seconds_Behind_Master}; empty when MariaDB leaves it NULL (a thread not running). */
  public static Optional<Long> secondsBehind(Row row) {
    Object behind = row.getValue("Seconds_Behind_Master");
    return behind == null ? Optional.empty() : Optional.of(Long.parseLong(behind.toString()));
  }

  /** The SQL thread's last error, else the IO thread's; empty text when neither has one. */
  public static String lastError(Row row) {
    return Optional.ofNullable(row.getString("Last_SQL_Error"))
        .filter(e -> !e.isEmpty())
        .or(() -> Optional.ofNullable(row.getString("Last_IO_Error")))
        .orElse("");
  }
}
