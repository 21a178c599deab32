package io.flightdeck.postflight.operations.pivot;

import io.flightdeck.postflight.control.Topology;
import io.flightdeck.postflight.store.DatabaseServer;
import io.flightdeck.postflight.topology.ServerProbe;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.function.Function;

/**
 * The statements a pivot runs on the shard's servers: as the shard's own user where that is enough,
 * as the server admin user ({@link PivotConfig#serverAdminUser()}) for {@code read_only} and the
 * replication links. Each is idempotent.
 */
@ApplicationScoped
class PivotServers {
  private final ServerProbe probe;
  private final PivotConfig config;

  PivotServers(ServerProbe probe, PivotConfig config) {
    this.probe = probe;
    this.config = config;
  }

  /** Runs work as the server admin user. */
  <T> Uni<T> asAdmin(DatabaseServer server, Function<Pool, Uni<T>> work) {
    return probe.on(
        new DatabaseServer(
            server.host(),
            server.port(),
            config.serverAdminUser().orElse(server.user()),
            config.serverAdminPassword().orElse(""),
            server.database()),
        work);
  }

  /** Sets {@code read_only} on the server. */
  Uni<Void> readOnly(DatabaseServer server, boolean on) {
    return asAdmin(server, pool -> run(pool, "SET GLOBAL read_only = " + (on ? 1 : 0)));
  }

  /** What the server has logged ({@code @@gtid_binlog_pos}). */
  Uni<String> binlogPosition(DatabaseServer server) {
    return probe.on(
        server,
        pool ->
            pool.query("SELECT @@gtid_binlog_pos")
                .execute()
                .map(rows -> String.valueOf(rows.iterator().next().getValue(0))));
  }

  /** Whether the server has applied {@code position} within {@code seconds}. */
  Uni<Boolean> applied(DatabaseServer server, String position, double seconds) {
    return probe.on(
        server,
        pool ->
            pool.preparedQuery("SELECT MASTER_GTID_WAIT(?, ?)")
                .execute(Tuple.of(position, seconds))
                .map(rows -> rows.iterator().next().getInteger(0) == 0));
  }

  /** Stops and forgets the server's replication connection of that name ({@code ''}: default). */
  Uni<Void> unlinked(DatabaseServer server, String connection) {
    String name = quoted(connection);
    return asAdmin(
        server,
        pool ->
            run(pool, "STOP SLAVE " + name)
                .onFailure()
                .recoverWithNull()
                .chain(() -> run(pool, "RESET SLAVE " + name + " ALL")));
  }

  /**
   * Makes the server replicate {@code source} by GTID on its default connection, from what it has
   * applied ({@code gtid_slave_pos}), or, with {@code fromOwnLog}, from what it has logged itself
   * (an old primary: its own writes are in its binary log, not in its replica position). Read only.
   */
  Uni<Void> linked(DatabaseServer server, Topology.Server source, boolean fromOwnLog) {
    DatabaseServer s = source.server();
    return asAdmin(
        server,
        pool ->
            run(pool, "SET GLOBAL read_only = 1")
                .chain(
                    () ->
                        fromOwnLog
                            ? run(pool, "SET GLOBAL gtid_slave_pos = @@gtid_binlog_pos")
                            : Uni.createFrom().voidItem())
                .chain(
                    () ->
                        run(
                            pool,
                            "CHANGE MASTER '' TO MASTER_HOST=%s, MASTER_PORT=%d, MASTER_USER=%s,"
                                    .formatted(quoted(s.host()), s.port(), quoted(s.user()))
                                + " MASTER_PASSWORD=%s, MASTER_USE_GTID=slave_pos, MASTER_SSL=0"
                                    .formatted(quoted(s.password()))))
                .chain(() -> run(pool, "START SLAVE ''")));
  }

  /** The server's name in the shard, by its place. */
  static Optional<Topology.Server> named(Topology.Shard shard, String name) {
    return shard.servers().filter(s -> s.name().equals(name)).findFirst();
  }

  private static Uni<Void> run(Pool pool, String sql) {
    return pool.query(sql).execute().replaceWithVoid();
  }

  private static String quoted(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
