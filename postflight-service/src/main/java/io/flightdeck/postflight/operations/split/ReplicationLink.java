package io.flightdeck.postflight.operations.split;

import io.flightdeck.postflight.store.DatabaseServer;
import io.flightdeck.postflight.topology.SlaveStatusRow;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.mysqlclient.MySQLException;
import java.util.Optional;

/**
 * The split's replication from the source shard into the target, by GTID, under a connection name
 * of its own ({@code CHANGE MASTER 'split-…'}), so it never clashes with the target server's other
 * links. Only the source's schema replicates, renamed to the target's ({@code replicate_do_db},
 * {@code replicate_rewrite_db}, set for this connection alone): the two shards' schemas may have
 * different names, and the source's server may hold other schemas.
 *
 * <p>Every statement is idempotent, so a catch-up run again after its driver was killed starts the
 * link afresh from the position the target has applied so far.
 */
final class ReplicationLink {
  /** MariaDB's ER_MASTER_INFO: no replication connection of that name. */
  private static final int NO_SUCH_CONNECTION = 1617;

  /** The last error of a link that is not there (never started, or removed by the cut). */
  static final String NONE = "no replication link";

  /** How long {@link #applied} waits on the target at a time. */
  private static final int APPLIED_WAIT_SECONDS = 1;

  private final String name;
  private final DatabaseServer source;
  private final DatabaseServer target;

  /**
   * @param operationId the split's id: the connection is {@code split-<id>}
   */
  ReplicationLink(String operationId, DatabaseServer source, DatabaseServer target) {
    this.name = "split-" + operationId.toLowerCase(java.util.Locale.ROOT);
    this.source = source;
    this.target = target;
  }

  String name() {
    return name;
  }

  /** Why a step waits on this link when it does not run: its name and its last error. */
  String notRunning(State state) {
    return "replication %s is not running: %s".formatted(name, state.lastError());
  }

  /**
   * Points the target at the source from {@code gtidPosition} (the clone's snapshot) and starts
   * replicating.
   */
  Uni<Void> startFrom(Pool targetPool, String gtidPosition) {
    return stopped(targetPool)
        .chain(
            () -> run(targetPool, "RESET SLAVE '" + name + "' ALL").onFailure().recoverWithNull())
        .chain(
            () ->
                targetPool
                    .preparedQuery("SET GLOBAL gtid_slave_pos = ?")
                    .execute(Tuple.of(gtidPosition)))
        .chain(
            () ->
                run(
                    targetPool,
                    "CHANGE MASTER '%s' TO MASTER_HOST=%s, MASTER_PORT=%d, MASTER_USER=%s,"
                            .formatted(
                                name, quoted(source.host()), source.port(), quoted(source.user()))
                        + " MASTER_PASSWORD=%s, MASTER_USE_GTID=slave_pos, MASTER_SSL=0"
                            .formatted(quoted(source.password()))))
        .chain(
            () ->
                run(
                    targetPool,
                    "SET GLOBAL `%s`.replicate_rewrite_db = %s"
                        .formatted(name, quoted(source.database() + "->" + target.database()))))
        .chain(
            () ->
                run(
                    targetPool,
                    "SET GLOBAL `%s`.replicate_do_db = %s"
                        .formatted(name, quoted(target.database()))))
        .chain(() -> run(targetPool, "START SLAVE '" + name + "'"))
        .onFailure()
        .call(e -> LockWaitReport.logged(e, "starting replication " + name, targetPool));
  }

  /** Stops the link and forgets it (the cut, or the undo of a cancelled split). */
  Uni<Void> removed(Pool targetPool) {
    return stopped(targetPool)
        .chain(
            () -> run(targetPool, "RESET SLAVE '" + name + "' ALL").onFailure().recoverWithNull());
  }

  private Uni<Void> stopped(Pool targetPool) {
    // An unknown connection name is an error; stopping one that is not there is done already.
    return run(targetPool, "STOP SLAVE '" + name + "'").onFailure().recoverWithNull();
  }

  /**
   * The link's state: whether both threads run, its last error, and how far behind it is (empty
   * while unknown).
   */
  Uni<State> state(Pool targetPool) {
    return targetPool
        .query("SHOW SLAVE '" + name + "' STATUS")
        .execute()
        .map(ReplicationLink::state)
        .onFailure(e -> e instanceof MySQLException m && m.getErrorCode() == NO_SUCH_CONNECTION)
        .recoverWithItem(new State(false, Optional.empty(), NONE));
  }

  /**
   * {@link #applied(Pool, Pool, int)} waited for at most a second: a step whose target is not there
   * yet reports the lag and is tried again, rather than hold its driver.
   */
  static Uni<Boolean> applied(Pool sourcePool, Pool targetPool) {
    return applied(sourcePool, targetPool, APPLIED_WAIT_SECONDS);
  }

  /**
   * Whether the target has applied everything the source has logged so far: the source's
   * {@code @@gtid_binlog_pos}, waited for on the target at most {@code seconds}.
   */
  static Uni<Boolean> applied(Pool sourcePool, Pool targetPool, int seconds) {
    return sourcePool
        .query("SELECT @@gtid_binlog_pos")
        .execute()
        .map(rows -> rows.iterator().next().getString(0))
        .chain(position -> waitFor(targetPool, position, seconds));
  }

  /** {@code MASTER_GTID_WAIT} on the target: whether it applied {@code position} in time. */
  static Uni<Boolean> waitFor(Pool targetPool, String position, int seconds) {
    return targetPool
        .preparedQuery("SELECT MASTER_GTID_WAIT(?, ?)")
        .execute(Tuple.of(position, seconds))
        .map(rows -> rows.iterator().next().getInteger(0) == 0);
  }

  /** What {@code SHOW SLAVE … STATUS} says of the link. */
  record State(boolean running, Optional<Long> secondsBehind, String lastError) {
    /** Whether the target has a link of this name at all. */
    boolean exists() {
      return running || !NONE.equals(lastError);
    }
  }

  private static State state(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return new State(false, Optional.empty(), NONE);
    }
    Row row = rows.iterator().next();
    boolean running =
        "Yes".equals(row.getString("Slave_IO_Running"))
            && "Yes".equals(row.getString("Slave_SQL_Running"));
    return new State(running, SlaveStatusRow.secondsBehind(row), SlaveStatusRow.lastError(row));
  }

  private static Uni<Void> run(Pool pool, String sql) {
    return pool.query(sql).execute().replaceWithVoid();
  }

  private static String quoted(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
