package io.flightdeck.inflight.nodes;

import io.flightdeck.rest.errors.DependencyUnreachableException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.mysqlclient.MySQLBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mysqlclient.MySQLBatchException;
import io.vertx.mysqlclient.MySQLConnectOptions;
import io.vertx.mysqlclient.MySQLException;
import io.vertx.sqlclient.PoolOptions;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jboss.logging.Logger;

/**
 * One MariaDB server inflight-service writes (an in-flight node, or the legacy combined store): its
 * pool, whether it answered its last health check, and whether its schema is current. A node is
 * {@link #usable()} for new creates when both hold; a request that needs this node while its schema
 * is not current, or that it fails to answer ({@link #guard}), gets {@link #unreachable()}, a 503
 * naming it.
 */
public final class InflightNode {
  private static final Logger LOG = Logger.getLogger(InflightNode.class);

  /**
   * How many statements one connection has sent and not yet had answered, at most: a group commit's
   * UPDATEs go out together instead of one round trip each. The pool still lends a connection to
   * one borrower at a time; only that borrower's own statements share it.
   */
  public static final int PIPELINING_LIMIT = 256;

  private final String name;
  private final String describe;
  private final String migrations;
  private final int weight;
  private final Pool pool;
  private final String jdbcUrl;
  private final String user;
  private final String password;
  private volatile boolean reachable = true;
  private volatile boolean schemaCurrent;
  private volatile String unreachable = "";
  private volatile String schemaProblem = "schema not migrated yet";

  /** Where a server is and how to log in: one per server, from the configuration. */
  public record Endpoint(
      String host, int port, String user, String password, String database, int poolSize) {}

  /** An in-flight node: its pool, and its schema from {@code db/migration}. */
  static InflightNode node(String name, int weight, Endpoint at, Vertx vertx) {
    return new InflightNode(
        "in-flight node " + name, "db/migration", name, weight, at, "inflight-" + name, vertx);
  }

  /**
   * A server of another schema than the in-flight nodes' (the legacy store), which takes no creates
   * by weight.
   *
   * @param describe how logs and 503s name it
   * @param migrations its Flyway migrations' classpath location
   */
  public static InflightNode other(
      String describe, String migrations, String name, Endpoint at, Vertx vertx) {
    return new InflightNode(describe, migrations, name, 0, at, name, vertx);
  }

  private InflightNode(
      String describe,
      String migrations,
      String name,
      int weight,
      Endpoint at,
      String poolName,
      Vertx vertx) {
    this.describe = describe;
    this.migrations = migrations;
    this.name = name;
    this.weight = weight;
    this.pool =
        MySQLBuilder.pool()
            .with(new PoolOptions().setMaxSize(at.poolSize()).setName(poolName))
            .connectingTo(
                new MySQLConnectOptions()
                    .setHost(at.host())
                    .setPort(at.port())
                    .setUser(at.user())
                    .setPassword(at.password())
                    .setDatabase(at.database())
                    .setConnectTimeout(1000)
                    .setCachePreparedStatements(true)
                    .setPipeliningLimit(PIPELINING_LIMIT))
            .using(vertx)
            .build();
    this.jdbcUrl =
        "jdbc:mariadb://%s:%d/%s?connectTimeout=5000&createDatabaseIfNotExist=true"
            .formatted(at.host(), at.port(), at.database());
    this.user = at.user();
    this.password = at.password();
  }

  public String name() {
    return name;
  }

  /** Its share of new creates among the usable nodes. */
  public int weight() {
    return weight;
  }

  public Pool pool() {
    return pool;
  }

  /**
   * Answered its last health check, and its schema is current: it may take new creates. A request
   * that needs this very node (its records, a key or Sid of its slots) asks {@link #serving()}
   * instead and just tries: a health check missed on a busy machine must not turn a read into a
   * 503, and a node that is really down refuses the connection at once.
   */
  public boolean usable() {
    return reachable && schemaCurrent;
  }

  /** Its schema is current, so a request may try it; whether it answers, the request finds out. */
  public boolean serving() {
    return schemaCurrent;
  }

  /** Why it is not usable, while it is not. */
  public String problem() {
    return !reachable ? unreachable : schemaCurrent ? "" : schemaProblem;
  }

  /** The 503 of a request that needs this node while it cannot serve it. */
  public DependencyUnreachableException unreachable() {
    return unreachable(null);
  }

  /** The 503 of a request this node failed for a reason of its own (the cause is logged). */
  public DependencyUnreachableException unreachable(Throwable cause) {
    return new DependencyUnreachableException(describe, cause);
  }

  /**
   * {@code work} on this node, any failure to reach it (a refused or dropped connection, a timeout)
   * turned into its 503. An error the server answered with stays what it is: a defect, not an
   * outage.
   */
  public <T> Uni<T> guard(Uni<T> work) {
    return work.onFailure(InflightNode::notAnswered).transform(this::unreachable);
  }

  private static boolean notAnswered(Throwable failure) {
    return !(failure instanceof MySQLException
        || failure instanceof MySQLBatchException
        || failure instanceof DependencyUnreachableException
        || failure instanceof IllegalStateException);
  }

  void reached() {
    if (!reachable) {
      reachable = true;
      LOG.infof("%s answers again: it takes creates and serves its records", describe);
    }
  }

  void missed(Throwable failure) {
    if (reachable) {
      reachable = false;
      unreachable = "unreachable: " + failure.getMessage();
      LOG.warnf("%s is %s: no creates go to it, its records answer 503", describe, unreachable);
    }
  }

  /** Creates the schema if needed and applies the migrations; blocking. False on failure. */
  public boolean migrate() {
    if (schemaCurrent) {
      return true;
    }
    try {
      Flyway.configure()
          .dataSource(jdbcUrl, user, password)
          .locations("classpath:" + migrations)
          .load()
          .migrate();
      schemaCurrent = true;
    } catch (FlywayException e) {
      schemaProblem = "schema not migrated: " + e.getMessage();
    }
    return schemaCurrent;
  }

  boolean schemaCurrent() {
    return schemaCurrent;
  }

  /** How logs and 503s name it: {@code in-flight node inflight-0}, {@code legacy store}. */
  public String describe() {
    return describe;
  }

  @Override
  public String toString() {
    return name;
  }
}
