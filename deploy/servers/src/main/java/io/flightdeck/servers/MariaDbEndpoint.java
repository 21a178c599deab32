package io.flightdeck.servers;

/**
 * How clients reach one MariaDB server. The account is the launcher's application user, which has
 * every privilege; a fixed, local-development-only credential.
 *
 * @param store the store's name, e.g. {@code inflight}
 * @param host always {@code 127.0.0.1}
 * @param port the server's port
 * @param user {@value MariaDbServer#USER}
 * @param password {@value MariaDbServer#PASSWORD}
 */
public record MariaDbEndpoint(String store, String host, int port, String user, String password) {

  /**
   * {@code jdbc:mariadb://127.0.0.1:<port>/<database>} (the MariaDB driver; SSL is off on these
   * servers).
   */
  public String jdbcUrl(String database) {
    return "jdbc:mariadb://" + host + ":" + port + "/" + database;
  }

  /**
   * {@code mysql://127.0.0.1:<port>/<database>}, the reactive MySQL client's form (MariaDB
   * included).
   */
  public String reactiveUrl(String database) {
    return "mysql://" + host + ":" + port + "/" + database;
  }
}
