package io.flightdeck.postflight.topology;

import io.flightdeck.postflight.store.DatabaseServer;
import io.flightdeck.postflight.store.ShardDefinition;
import io.flightdeck.postflight.store.Shards;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Asks a MariaDB server of the topology what it is ({@link ServerFacts}), or runs work on it, over
 * a pool of one connection opened for the purpose: the servers of a topology are not all open for
 * routing (replicas, a candidate). A server that does not answer within {@link #TIMEOUT} fails the
 * probe with {@link UnreachableServerException}.
 */
@ApplicationScoped
public class ServerProbe {
  /** How long a server may take to answer a probe. */
  public static final Duration TIMEOUT = Duration.ofSeconds(3);

  private final Shards shards;

  public ServerProbe(Shards shards) {
    this.shards = shards;
  }

  /** The server's facts. */
  public Uni<ServerFacts> facts(DatabaseServer server) {
    return on(server, ServerProbe::facts);
  }

  /**
   * Runs {@code work} with a pool of one connection to {@code server}; a failure to connect, or no
   * answer within {@link #TIMEOUT} of a connection, fails with {@link UnreachableServerException}.
   */
  public <T> Uni<T> on(DatabaseServer server, Function<Pool, Uni<T>> work) {
    ShardDefinition alone = new ShardDefinition("probe " + server, server, List.of(), 1);
    return shards.withPool(
        alone,
        pool ->
            pool.query("SELECT 1")
                .execute()
                .ifNoItem()
                .after(TIMEOUT)
                .failWith(() -> new UnreachableServerException(server, "no answer in " + TIMEOUT))
                .onFailure(e -> !(e instanceof UnreachableServerException))
                .transform(e -> new UnreachableServerException(server, String.valueOf(e)))
                .chain(() -> work.apply(pool)));
  }

  /** The facts of the server {@code pool} connects to. */
  public static Uni<ServerFacts> facts(Pool pool) {
    return pool.query(
            "SELECT @@server_id, @@gtid_domain_id, @@read_only, @@log_bin, @@log_slave_updates,"
                + " @@gtid_binlog_pos, @@gtid_current_pos")
        .execute()
        .chain(
            vars ->
                pool.query("SHOW ALL SLAVES STATUS")
                    .execute()
                    .map(links -> facts(vars.iterator().next(), links)));
  }

  private static ServerFacts facts(Row vars, RowSet<Row> links) {
    List<ServerFacts.Link> found = new ArrayList<>();
    links.forEach(row -> found.add(link(row)));
    return new ServerFacts(
        vars.getLong(0),
        vars.getLong(1),
        flag(vars.getValue(2)),
        flag(vars.getValue(3)),
        flag(vars.getValue(4)),
        text(vars.getValue(5)),
        text(vars.getValue(6)),
        found);
  }

  private static ServerFacts.Link link(Row row) {
    return new ServerFacts.Link(
        text(row.getValue("Connection_name")),
        text(row.getValue("Master_Host")),
        Integer.parseInt(text(row.getValue("Master_Port"))),
        "Yes".equals(row.getString("Slave_IO_Running")),
        "Yes".equals(row.getString("Slave_SQL_Running")),
        SlaveStatusRow.secondsBehind(row),
        SlaveStatusRow.lastError(row),
        text(row.getValue("Using_Gtid")),
        text(row.getValue("Gtid_IO_Pos")));
  }

  private static boolean flag(Object value) {
    return value instanceof Boolean b ? b : value != null && Long.parseLong(value.toString()) != 0;
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }
}
