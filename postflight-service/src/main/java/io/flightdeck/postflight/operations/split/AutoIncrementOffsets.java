package io.flightdeck.postflight.operations.split;

import io.flightdeck.postflight.control.CatalogueChanges;
import io.flightdeck.postflight.operations.StepContext;
import io.flightdeck.postflight.operations.StepOutcome;
import io.flightdeck.postflight.store.DatabaseServer;
import io.flightdeck.postflight.store.ShardDefinition;
import io.flightdeck.postflight.store.ShardPoolConfig;
import io.flightdeck.postflight.store.Shards;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.mysqlclient.MySQLConnection;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The split's {@code auto-increment} step: both servers hand out ids two apart, the source the odd
 * ones ({@code auto_increment_offset} 1), the target the even ones (2), so that once both take
 * writes no two rows get the same surrogate id.
 *
 * <p>{@code SET GLOBAL} reaches only sessions opened after it, and a restart of the server forgets
 * it. So the step also records the numbering in the catalogue, where every session the services
 * open to the shard takes it from ({@code SET SESSION}, {@link Shards}), and that asks every
 * instance to renew its sessions to both shards: the shards' session generation moves on, and each
 * instance that follows the catalogue replaces the two pools (the old ones close after {@link
 * Shards#DRAIN}, once their work in flight is done). An instance cut off from the control database
 * still renews its connections within {@code flightdeck.postflight.pools.max-lifetime}. The step is
 * done only when the server itself shows no session of the service's user older than the change:
 * MariaDB numbers connections in the order they open, so after the change the step opens a
 * connection, checks that its session has the new values, and takes its id as the bound; every
 * session of the user with a lower id (but replication's binlog dumps, which write no rows)
 * predates the change. Asking the servers rather than the instances covers instances that the
 * control database does not know of, and needs no acknowledgement protocol.
 *
 * <p>Idempotent: run again, it sets the same values and waits for the sessions older than that.
 */
@ApplicationScoped
public class AutoIncrementOffsets {
  static final String STEP = "auto-increment";
  private static final int INCREMENT = 2;
  private static final Duration POLL = Duration.ofMillis(500);

  private final Vertx vertx;
  private final CatalogueChanges catalogue;
  private final Duration maxLifetime;

  public AutoIncrementOffsets(Vertx vertx, CatalogueChanges catalogue, ShardPoolConfig pools) {
    this.vertx = vertx;
    this.catalogue = catalogue;
    this.maxLifetime = pools.maxLifetime();
  }

  Uni<StepOutcome> set(ShardDefinition source, ShardDefinition target, StepContext step) {
    // Pools renew within max-lifetime; past twice that, something else holds an old session.
    Instant giveUp = Instant.now().plus(maxLifetime.multipliedBy(2)).plusSeconds(30);
    return changed(source, 1)
        .chain(
            sourceBound ->
                changed(target, 2)
                    .call(
                        () ->
                            catalogue.numberIds(INCREMENT, Map.of(source.id(), 1, target.id(), 2)))
                    .chain(
                        targetBound ->
                            oldSessionsGone(source, sourceBound, step, giveUp)
                                .chain(
                                    sourceDone ->
                                        sourceDone instanceof StepOutcome.Done
                                            ? oldSessionsGone(target, targetBound, step, giveUp)
                                            : Uni.createFrom().item(sourceDone))))
        .map(
            outcome ->
                outcome instanceof StepOutcome.Done
                    ? new StepOutcome.Done(
                        "auto_increment_increment %d on both; offset 1 on %s, 2 on %s; no session older than the change left"
                            .formatted(INCREMENT, source.id(), target.id()))
                    : outcome);
  }

  /** Sets the values, then returns the id of the first session known to have them. */
  private Uni<Long> changed(ShardDefinition shard, int offset) {
    DatabaseServer server = shard.primary();
    return withConnection(
            server,
            conn ->
                conn.query(
                        "SET GLOBAL auto_increment_increment = %d, auto_increment_offset = %d"
                            .formatted(INCREMENT, offset))
                    .execute()
                    .replaceWithVoid())
        .chain(
            () ->
                withConnection(
                    server,
                    conn ->
                        conn.query(
                                "SELECT CONNECTION_ID() AS id, @@SESSION.auto_increment_increment AS inc,"
                                    + " @@SESSION.auto_increment_offset AS off")
                            .execute()
                            .map(
                                rows -> {
                                  Row row = rows.iterator().next();
                                  if (row.getInteger("inc") != INCREMENT
                                      || row.getInteger("off") != offset) {
                                    throw new IllegalStateException(
                                        "shard %s: a new session has auto_increment_increment %d, offset %d after the change"
                                            .formatted(
                                                shard.id(),
                                                row.getInteger("inc"),
                                                row.getInteger("off")));
                                  }
                                  return row.getLong("id");
                                })));
  }

  private Uni<StepOutcome> oldSessionsGone(
      ShardDefinition shard, long bound, StepContext step, Instant giveUp) {
    return withConnection(
            shard.primary(),
            conn ->
                conn.preparedQuery(
                        "SELECT COUNT(*) AS n, MIN(ID) AS oldest FROM information_schema.PROCESSLIST"
                            + " WHERE USER = ? AND ID < ? AND COMMAND NOT LIKE 'Binlog Dump%'")
                    .execute(Tuple.of(shard.primary().user(), bound))
                    .map(rows -> rows.iterator().next().getLong("n")))
        .chain(
            old -> {
              if (old == 0) {
                return StepOutcome.done(shard.id());
              }
              String waiting =
                  ("waiting for %d sessions of %s opened before auto_increment_* changed to end"
                          + " (every instance was asked to renew its pools; one the control database cannot"
                          + " reach renews its connections within %s)")
                      .formatted(old, shard.id(), maxLifetime);
              if (Instant.now().isAfter(giveUp)) {
                return StepOutcome.waiting(waiting);
              }
              return step.progress(waiting)
                  .onItem()
                  .delayIt()
                  .by(POLL)
                  .chain(() -> oldSessionsGone(shard, bound, step, giveUp));
            });
  }

  private <T> Uni<T> withConnection(
      DatabaseServer server, java.util.function.Function<MySQLConnection, Uni<T>> work) {
    return MySQLConnection.connect(vertx, server.connectOptions())
        .chain(conn -> Uni.createFrom().deferred(() -> work.apply(conn)).eventually(conn::close));
  }
}
