package io.flightdeck.postflight.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * The shards' schema migrations (Flyway over JDBC, blocking: never on the event loop). Two kinds
 * share one version sequence:
 *
 * <ul>
 *   <li>ordinary ones, applied on a shard's primary as the shard is opened, and replicated;
 *   <li>rolling ones ({@code V<n>__rolling_…}), which a schema change applies server by server:
 *       each replica without binary logging, then a pivot makes a changed replica the primary, then
 *       the old primary. They must be backward compatible while they roll (add, never drop or
 *       rename; a column only at the table's end, which row-based replication between the two
 *       shapes requires). Opening a shard stops before the first pending one, and so before every
 *       migration after it.
 * </ul>
 *
 * <p>Each server keeps its own history ({@code flyway_schema_history}): the rolling rows are
 * written as unlogged as the change itself, so every server ends with the same history.
 */
@ApplicationScoped
public class ShardSchema {
  /** The service's own shard migrations. */
  public static final String MIGRATIONS = "classpath:db/shard";

  private static final String ROLLING = "rolling ";

  private final List<String> locations;

  @Inject
  public ShardSchema(SchemaConfig config) {
    this(config.locations());
  }

  public ShardSchema(List<String> locations) {
    this.locations = List.copyOf(locations);
  }

  /** The service's own migrations only. */
  public static ShardSchema standard() {
    return new ShardSchema(List.of(MIGRATIONS));
  }

  /** A migration not applied yet on a server. */
  public record Pending(String version, String description, boolean rolling) {}

  /**
   * What a server has applied ({@code version}, empty for a schema with no history yet) and what is
   * pending there, in order.
   */
  public record State(Optional<String> version, List<Pending> pending) {}

  /**
   * Applies the server's pending ordinary migrations up to its first pending rolling one (a schema
   * change's work), creating the schema if needed.
   *
   * @throws org.flywaydb.core.api.FlywayException when the server is unreachable or a migration
   *     fails
   */
  public void migrateServing(DatabaseServer server) {
    List<MigrationInfo> pending =
        Arrays.asList(flyway(server, DatabaseServer.CREATE).load().info().pending());
    Optional<MigrationVersion> target = Optional.empty();
    for (int i = 0; i < pending.size(); i++) {
      if (rolling(pending.get(i))) {
        if (i == 0) {
          return;
        }
        target = Optional.of(pending.get(i - 1).getVersion());
        break;
      }
    }
    FluentConfiguration flyway = flyway(server, DatabaseServer.CREATE);
    target.ifPresent(flyway::target);
    flyway.load().migrate();
  }

  /**
   * Applies every pending migration on the server, rolling ones included. {@code unlogged}: without
   * writing them to the server's binary log ({@code sql_log_bin=0}, which needs an administrator,
   * as does a change on a {@code read_only} replica), so that no other server replays them.
   *
   * @return how many migrations it applied
   */
  public int migrateAll(DatabaseServer server, boolean unlogged) {
    return flyway(server, unlogged ? "&sessionVariables=sql_log_bin=0" : "")
        .load()
        .migrate()
        .migrationsExecuted;
  }

  /** What the server has applied and what is pending there. */
  public State state(DatabaseServer server) {
    var info = flyway(server, "").load().info();
    List<Pending> pending = new ArrayList<>();
    for (MigrationInfo migration : info.pending()) {
      pending.add(
          new Pending(
              migration.getVersion().getVersion(), migration.getDescription(), rolling(migration)));
    }
    return new State(
        Optional.ofNullable(info.current())
            .filter(current -> current.getVersion() != null)
            .map(current -> current.getVersion().getVersion()),
        pending);
  }

  private static boolean rolling(MigrationInfo migration) {
    return migration.getDescription().startsWith(ROLLING);
  }

  private FluentConfiguration flyway(DatabaseServer server, String parameters) {
    return Flyway.configure()
        .dataSource(server.jdbcUrl() + parameters, server.user(), server.password())
        .locations(locations.toArray(String[]::new));
  }
}
