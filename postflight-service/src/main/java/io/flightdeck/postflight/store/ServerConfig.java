package io.flightdeck.postflight.store;

import io.smallrye.config.WithDefault;

/**
 * The keys that say where a MariaDB server is and how to log in, shared by every server's
 * configuration.
 */
public interface ServerConfig {
  /** Host of the server. */
  @WithDefault("127.0.0.1")
  String host();

  /** Port of the server. */
  int port();

  /** Database user. */
  @WithDefault("flightdeck")
  String user();

  /** Database password. */
  @WithDefault("flightdeck")
  String password();

  /** The server with this schema on it. */
  static DatabaseServer server(ServerConfig config, String database) {
    return new DatabaseServer(
        config.host(), config.port(), config.user(), config.password(), database);
  }
}
