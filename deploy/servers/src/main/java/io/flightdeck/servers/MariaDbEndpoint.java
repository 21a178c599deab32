package io.flightdeck.servers;

import java.util.Map;

/**
 * How clients reach one MariaDB server, with the launcher's two accounts: the application user
 * (every privilege but {@code READ_ONLY ADMIN}, so {@code read_only=1} fences its writes) and the
 * operations user (every privilege; sets {@code read_only}). Fixed, local-development-only
 * credentials.
 *
 * @param store the store's name, e.g. {@code inflight-0}
 * @param host {@code 127.0.0.1} from the launcher; the Docker host's from containers
 * @param port the server's port
 * @param user {@value MariaDbServer#USER}
 * @param password {@value MariaDbServer#PASSWORD}
 * @param adminUser {@value MariaDbServer#ADMIN_USER}
 * @param adminPassword {@value MariaDbServer#ADMIN_PASSWORD}
 */
public record MariaDbEndpoint(
    String store,
    String host,
    int port,
    String user,
    String password,
    String adminUser,
    String adminPassword) {

  /**
   * This server as {@code flightdeck.servers.mariadb.<store>.*} properties (see {@link Endpoints}):
   * the one place they are named, whichever provider started the server.
   */
  public Map<String, String> properties() {
    String prefix = "flightdeck.servers.mariadb." + store + ".";
    return Map.of(
        prefix + "host",
        host,
        prefix + "port",
        String.valueOf(port),
        prefix + "user",
        user,
        prefix + "password",
        password,
        prefix + "admin-user",
        adminUser,
        prefix + "admin-password",
        adminPassword);
  }

  /** The same server, reached as the operations user. */
  public MariaDbEndpoint asAdmin() {
    return new MariaDbEndpoint(
        store, host, port, adminUser, adminPassword, adminUser, adminPassword);
  }

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
