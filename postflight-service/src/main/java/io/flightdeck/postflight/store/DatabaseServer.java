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
   * Connection options for a pool that serves the records' reads and writes: up to 16 statements
   * pipelined on a connection, and each statement prepared once per connection and kept (a list
   * page was a prepare, an execute and a close; the shard's MariaDB spent 2 to 3 ms of processor a
   * 1,000-record page on the extra prepares). A kept statement survives the shard's schema changes:
   * MariaDB prepares it again by itself when a table it reads changes (a partition added or
   * dropped, a column or index added), and the statements name their columns, so an added column
   * does not change what they answer ({@code ShardSchemaChangeIT} pages a shard all through its
   * change).
   */
  public MySQLConnectOptions servingOptions() {
    return connectOptions().setPipeliningLimit(16).setCachePreparedStatements(true);
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
