package io.flightdeck.postflight.store;

import io.vertx.mysqlclient.MySQLConnectOptions;
import org.flywaydb.core.Flyway;

/**
 * Where one MariaDB server listens, with the credentials and the schema this service uses there: a
 * shard's primary or replica, or the control database.
 */
public record DatabaseServer(String host, int port, String user, String password, String database) {

  /** Connection options for a reactive pool to this server's schema. */
  public MySQLConnectOptions connectOptions() {
    return new MySQLConnectOptions()
        .setHost(host)
        .setPort(port)
        .setUser(user)
        .setPassword(password)
        .setDatabase(database);
  }

  /**
   * Creates the schema if needed and applies the migrations of {@code location} (Flyway over JDBC,
   * blocking).
   *
   * @throws org.flywaydb.core.api.FlywayException when the server is unreachable or a migration
   *     fails
   */
  public void migrate(String location) {
    Flyway.configure()
        .dataSource(jdbcUrl() + CREATE, user, password)
        .locations(location)
        .load()
        .migrate();
  }

  /** What a JDBC URL of {@link #jdbcUrl()} ends with to create the schema if it is missing. */
  public static final String CREATE = "&createDatabaseIfNotExist=true";

  /**
   * A JDBC URL of this server's schema, to which further parameters are appended ({@code &…}). It
   * creates nothing: a {@code read_only} replica refuses even {@code CREATE DATABASE IF NOT EXISTS}
   * from a user that may not write there.
   */
  public String jdbcUrl() {
    return "jdbc:mariadb://%s:%d/%s?connectTimeout=5000".formatted(host, port, database);
  }

  /** {@code host:port/database}, without credentials. */
  @Override
  public String toString() {
    return "%s:%d/%s".formatted(host, port, database);
  }
}
