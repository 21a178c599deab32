package io.flightdeck.inflight.nodes;

import io.flightdeck.rest.errors.DependencyUnreachableException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mysqlclient.MySQLBatchException;
import io.vertx.mysqlclient.MySQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jboss.logging.Logger;

/**
 * One in-flight MariaDB server: its pool, whether it answered its last health check, and whether
 * its schema is current. A node is {@link #usable()} for new creates when both hold; a request that
 * needs this node while its schema is not current, or that it fails to answer ({@link #guard}),
 * gets {@link #unreachable()}, a 503 naming it.
 */
public final class InflightNode {
  private static final Logger LOG = Logger.getLogger(InflightNode.class);

  private final String name;
  private final int weight;
  private final Pool pool;
  private final String jdbcUrl;
  private final String user;
  private final String password;
  private volatile boolean reachable = true;
  private volatile boolean schemaCurrent;
  private volatile String unreachable = "";
  private volatile String schemaProblem = "schema not migrated yet";

  InflightNode(String name, int weight, Pool pool, String jdbcUrl, String user, String password) {
    this.name = name;
    this.weight = weight;
    this.pool = pool;
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
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
    return new DependencyUnreachableException("in-flight node " + name, cause);
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
      LOG.infof("in-flight node %s answers again: it takes creates and serves its records", name);
    }
  }

  void missed(Throwable failure) {
    if (reachable) {
      reachable = false;
      unreachable = "unreachable: " + failure.getMessage();
      LOG.warnf(
          "in-flight node %s is %s: no creates go to it, its records answer 503",
          name, unreachable);
    }
  }

  /** Creates the schema if needed and applies the migrations; blocking. False on failure. */
  boolean migrate() {
    if (schemaCurrent) {
      return true;
    }
    try {
      Flyway.configure()
          .dataSource(jdbcUrl, user, password)
          .locations("classpath:db/migration")
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

  @Override
  public String toString() {
    return name;
  }
}
