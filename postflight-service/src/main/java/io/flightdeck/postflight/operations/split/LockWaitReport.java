package io.flightdeck.postflight.operations.split;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mysqlclient.MySQLException;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * When a split's statement gave up waiting for a lock (MariaDB 1205), logs what held the servers
 * then: their open InnoDB transactions and their sessions that were not idle. The step itself is
 * retried by the engine; this leaves the operator (and the next reader of a failed test) the
 * holder's name rather than only the waiter's.
 */
final class LockWaitReport {
  private static final Logger LOG = Logger.getLogger(LockWaitReport.class);
  private static final int LOCK_WAIT_TIMEOUT = 1205;
  private static final String TRANSACTIONS =
      "SELECT trx_mysql_thread_id, trx_state, trx_started, trx_rows_locked, trx_query"
          + " FROM information_schema.INNODB_TRX";
  private static final String SESSIONS =
      "SELECT ID, USER, DB, COMMAND, TIME, STATE, INFO FROM information_schema.PROCESSLIST"
          + " WHERE COMMAND <> 'Sleep' AND ID <> CONNECTION_ID()";

  private LockWaitReport() {}

  /** Logs the servers' holders when {@code failure} is a lock wait timeout; never fails. */
  static Uni<Void> logged(Throwable failure, String what, Pool... servers) {
    if (!(failure instanceof MySQLException m) || m.getErrorCode() != LOCK_WAIT_TIMEOUT) {
      return Uni.createFrom().voidItem();
    }
    Uni<List<String>> lines = Uni.createFrom().item(new ArrayList<>());
    for (int i = 0; i < servers.length; i++) {
      Pool server = servers[i];
      String name = "server " + (i + 1);
      lines =
          lines
              .call(all -> rows(server, TRANSACTIONS, name + " transaction", all))
              .call(all -> rows(server, SESSIONS, name + " session", all));
    }
    return lines
        .invoke(
            all ->
                LOG.warnf(
                    "%s waited too long for a lock (%s); what the servers held then:%n  %s",
                    what, failure.getMessage(), String.join("\n  ", all)))
        .replaceWithVoid()
        .onFailure()
        .recoverWithNull();
  }

  private static Uni<Void> rows(Pool server, String sql, String label, List<String> into) {
    return server
        .query(sql)
        .execute()
        .invoke(
            rows -> {
              for (Row row : rows) {
                List<String> values = new ArrayList<>();
                for (int c = 0; c < row.size(); c++) {
                  values.add(String.valueOf(row.getValue(c)));
                }
                into.add(label + ": " + String.join(" | ", values));
              }
            })
        .replaceWithVoid()
        .onFailure()
        .recoverWithNull();
  }
}
