package io.flightdeck.servers;

/**
 * The two accounts every MariaDB server of the launcher has after every start, from {@code %} and
 * {@code 127.0.0.1} (local development and tests only):
 *
 * <ul>
 *   <li>the application user {@value MariaDbServer#USER}: every privilege but {@code READ_ONLY
 *       ADMIN}, so {@code read_only=1} fences its writes (error 1290). A pivot's write block is
 *       {@code read_only} on the old primary; in MariaDB 11 {@code ALL PRIVILEGES} includes {@code
 *       READ_ONLY ADMIN} (split from {@code SUPER} by MDEV-29596), which writes through it.
 *   <li>the operations user {@value MariaDbServer#ADMIN_USER}: every privilege with grant option,
 *       {@code READ_ONLY ADMIN} included; what an operation uses to set {@code read_only}.
 * </ul>
 *
 * Not binlogged: every server creates its own, and replicas must not replay them. Idempotent: the
 * grants are restated at every start, so a data dir made by an older launcher gets them too.
 */
public final class MariaDbAccounts {

  private MariaDbAccounts() {}

  /** The statements, for the root account (also a container's first-start script). */
  public static String setUp() {
    StringBuilder sql = new StringBuilder("SET SESSION sql_log_bin = 0;");
    for (String host : new String[] {"%", "127.0.0.1"}) {
      String app = "'" + MariaDbServer.USER + "'@'" + host + "'";
      String admin = "'" + MariaDbServer.ADMIN_USER + "'@'" + host + "'";
      sql.append(" CREATE USER IF NOT EXISTS ")
          .append(app)
          .append(" IDENTIFIED BY '")
          .append(MariaDbServer.PASSWORD)
          .append("';")
          .append(" GRANT ALL PRIVILEGES ON *.* TO ")
          .append(app)
          .append(" WITH GRANT OPTION;")
          .append(" REVOKE READ_ONLY ADMIN ON *.* FROM ")
          .append(app)
          .append(";")
          .append(" CREATE USER IF NOT EXISTS ")
          .append(admin)
          .append(" IDENTIFIED BY '")
          .append(MariaDbServer.ADMIN_PASSWORD)
          .append("';")
          .append(" GRANT ALL PRIVILEGES ON *.* TO ")
          .append(admin)
          .append(" WITH GRANT OPTION;");
    }
    return sql.toString();
  }
}
