package io.flightdeck.postflight.operations.schema;

import io.flightdeck.postflight.control.Topology;
import io.flightdeck.postflight.control.TopologyStore;
import io.flightdeck.postflight.control.UnknownShardException;
import io.flightdeck.postflight.operations.OperationDriver;
import io.flightdeck.postflight.operations.OperationRefusedException;
import io.flightdeck.postflight.operations.OperationStatus;
import io.flightdeck.postflight.operations.Operations;
import io.flightdeck.postflight.operations.pivot.PivotChecks;
import io.flightdeck.postflight.operations.pivot.PivotSteps;
import io.flightdeck.postflight.store.ShardSchema;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * Shows a shard's schema server by server, starts schema changes once they can run (refused, with
 * the reason, when nothing is pending, another operation runs on the shard, or a pivot pre-check
 * fails; nothing stored and nothing changed), and finds them again by shard and id.
 */
@ApplicationScoped
public class ShardSchemaChanges {
  private final TopologyStore topology;
  private final SchemaServers servers;
  private final PivotChecks checks;
  private final Operations operations;
  private final OperationDriver driver;

  ShardSchemaChanges(
      TopologyStore topology,
      SchemaServers servers,
      PivotChecks checks,
      Operations operations,
      OperationDriver driver) {
    this.topology = topology;
    this.servers = servers;
    this.checks = checks;
    this.operations = operations;
    this.driver = driver;
  }

  /**
   * @throws UnknownShardException for a shard not in the catalogue
   */
  public Uni<ShardSchemaView> schema(String shard) {
    return topology
        .read()
        .map(t -> t.shard(shard).orElseThrow(() -> new UnknownShardException(shard)))
        .chain(this::view);
  }

  Uni<ShardSchemaView> view(Topology.Shard shard) {
    return Multi.createFrom()
        .iterable(shard.servers().toList())
        .onItem()
        .transformToUniAndConcatenate(s -> serverSchema(shard, s))
        .collect()
        .asList()
        .map(
            all ->
                new ShardSchemaView(
                    shard.id(),
                    all.stream()
                        .anyMatch(
                            s ->
                                s.error() == null
                                    && s.pendingMigrations().stream()
                                        .anyMatch(ShardSchema.Pending::rolling)),
                    all));
  }

  private Uni<ShardSchemaView.ServerSchema> serverSchema(
      Topology.Shard shard, Topology.Server server) {
    String role = server == shard.primary() ? "primary" : server.role().wireName();
    return servers
        .state(server)
        .map(
            state ->
                new ShardSchemaView.ServerSchema(
                    server.name(), role, state.version().orElse(null), state.pending(), null))
        .onFailure()
        .recoverWithItem(
            e ->
                new ShardSchemaView.ServerSchema(
                    server.name(), role, null, List.of(), String.valueOf(e.getMessage())));
  }

  /**
   * @throws UnknownShardException for a shard not in the catalogue
   * @throws OperationRefusedException when the change cannot run now, saying why
   */
  public Uni<OperationStatus> start(String shard, boolean dryRun) {
    return topology
        .read()
        .map(t -> t.shard(shard).orElseThrow(() -> new UnknownShardException(shard)))
        .chain(s -> view(s).chain(view -> planned(s, view)))
        .chain(
            change ->
                operations.start(
                    ShardSchemaChange.NAME,
                    change.toJson(),
                    dryRun,
                    SchemaChangeSteps.names(change),
                    false,
                    change.inPlace() ? Optional.empty() : Optional.of(PivotSteps.PROMOTE)))
        .invoke(started -> driver.kick(started.id()));
  }

  private Uni<SchemaChange> planned(Topology.Shard shard, ShardSchemaView view) {
    List<String> unread =
        view.servers().stream()
            .filter(s -> s.error() != null)
            .map(s -> s.name() + ": " + s.error())
            .toList();
    if (!unread.isEmpty()) {
      return refused(
          "schema change of %s refused, a server's schema cannot be read: %s", shard, unread);
    }
    if (!view.pending()) {
      return refused(
          "nothing to apply on %s: every server is at version %s with no rolling migration pending",
          shard, view.servers().get(0).version());
    }
    String target =
        view.servers().get(0).pendingMigrations().stream()
            .reduce((a, b) -> b)
            .map(ShardSchema.Pending::version)
            .orElse(view.servers().get(0).version());
    if (shard.replicas().isEmpty()) {
      return operations
          .unfinishedOn(shard.id())
          .map(
              others -> {
                if (!others.isEmpty()) {
                  throw new OperationRefusedException(
                      "schema change of %s refused: %s runs on it"
                          .formatted(shard.id(), others.get(0).kind() + " " + others.get(0).id()));
                }
                return new SchemaChange(
                    shard.id(), shard.primary().name(), Optional.empty(), target);
              });
    }
    return checks
        .status(shard.id(), Optional.empty(), false, Optional.empty())
        .map(
            status -> {
              if (!status.ready()) {
                throw new OperationRefusedException(
                    "schema change of %s refused, the pivot's pre-checks failed: %s"
                        .formatted(shard.id(), status.failures()));
              }
              return new SchemaChange(
                  shard.id(), shard.primary().name(), Optional.of(status.candidate()), target);
            });
  }

  private static <T> Uni<T> refused(String format, Topology.Shard shard, Object detail) {
    return Uni.createFrom()
        .failure(new OperationRefusedException(format.formatted(shard.id(), detail)));
  }

  /** The shard's schema change of that id; empty for an id of none (or another shard or kind). */
  public Uni<Optional<OperationStatus>> change(String shard, String id) {
    return operations
        .ofKind(ShardSchemaChange.NAME, id)
        .map(
            found ->
                found.filter(s -> SchemaChange.fromJson(s.parameters()).shard().equals(shard)));
  }
}
