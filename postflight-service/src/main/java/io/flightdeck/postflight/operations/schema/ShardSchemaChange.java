package io.flightdeck.postflight.operations.schema;

import io.flightdeck.postflight.control.Topology;
import io.flightdeck.postflight.control.TopologyStore;
import io.flightdeck.postflight.operations.OperationKind;
import io.flightdeck.postflight.operations.Operations;
import io.flightdeck.postflight.operations.StepContext;
import io.flightdeck.postflight.operations.StepOutcome;
import io.flightdeck.postflight.operations.pivot.PivotChecks;
import io.flightdeck.postflight.operations.pivot.PivotConfig;
import io.flightdeck.postflight.operations.pivot.ShardPivot;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A schema change as a kind of operation ({@link SchemaChangeSteps}): rolling migrations applied
 * replica first, then a pivot ({@link ShardPivot}'s own steps, on the same parameters) makes a
 * changed replica the primary, then the old primary is changed; or, on a shard with no replica, the
 * primary in place. Servers are found by name in the topology at each step, as the pivot finds
 * them. Every step can run again: Flyway applies only what a server lacks.
 */
@ApplicationScoped
public class ShardSchemaChange implements OperationKind {
  public static final String NAME = Operations.SHARD_SCHEMA_CHANGE;

  private final TopologyStore topology;
  private final SchemaServers servers;
  private final ShardSchemaChanges changes;
  private final PivotChecks checks;
  private final ShardPivot pivot;
  private final PivotConfig admin;

  ShardSchemaChange(
      TopologyStore topology,
      SchemaServers servers,
      ShardSchemaChanges changes,
      PivotChecks checks,
      ShardPivot pivot,
      PivotConfig admin) {
    this.topology = topology;
    this.servers = servers;
    this.changes = changes;
    this.checks = checks;
    this.pivot = pivot;
    this.admin = admin;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Uni<StepOutcome> run(StepContext step) {
    SchemaChange change = SchemaChange.fromJson(step.parameters());
    if (step.step().equals(SchemaChangeSteps.PRE_CHECK)) {
      return preCheck(change, step);
    }
    if (step.dryRun()) {
      return StepOutcome.wouldDo(SchemaChangeSteps.does(step.step()));
    }
    if (SchemaChangeSteps.pivots(step.step())) {
      return pivot.run(step);
    }
    return topology
        .read()
        .chain(
            t -> {
              Optional<Topology.Shard> shard = t.shard(change.shard());
              if (shard.isEmpty()) {
                return StepOutcome.failed("shard " + change.shard() + " is gone");
              }
              return switch (step.step()) {
                case SchemaChangeSteps.CHANGE_REPLICAS ->
                    changeReplicas(shard.get().replicas(), step);
                case SchemaChangeSteps.CHANGE_OLD_PRIMARY ->
                    changeReplicas(
                        shard.get().replicas().stream()
                            .filter(r -> r.name().equals(change.from()))
                            .toList(),
                        step);
                case SchemaChangeSteps.CHANGE_PRIMARY -> changeInPlace(shard.get().primary());
                case SchemaChangeSteps.VERIFY -> verify(shard.get(), change);
                default -> StepOutcome.failed("a schema change has no step " + step.step());
              };
            });
  }

  /**
   * A rolling migration is still pending, the admin user is there to apply it unlogged, and with
   * replicas every pivot pre-check passes (towards the planned candidate).
   */
  private Uni<StepOutcome> preCheck(SchemaChange change, StepContext step) {
    String prefix = step.dryRun() ? "dry run: " : "";
    return changes
        .schema(change.shard())
        .chain(
            view -> {
              if (!view.pending()) {
                return StepOutcome.done(
                    prefix + "nothing pending: every server has applied " + change.target());
              }
              if (change.inPlace()) {
                return StepOutcome.done(
                    prefix + "pending up to " + change.target() + "; changed in place");
              }
              if (admin.serverAdminUser().isEmpty()) {
                return StepOutcome.failed(
                    "flightdeck.postflight.pivot.server-admin-user is not set: no user to"
                        + " change replicas with");
              }
              return checks
                  .status(
                      change.shard(), change.candidate(), false, Optional.of(step.operationId()))
                  .map(
                      status ->
                          status.ready()
                              ? new StepOutcome.Done(
                                  prefix
                                      + "pending up to %s; every pivot pre-check passes towards %s"
                                          .formatted(change.target(), status.candidate()))
                              : new StepOutcome.Failed(
                                  "pivot pre-checks failed: " + status.failures()));
            });
  }

  /** Changes each of the replicas, unlogged; waits (tried again) while one cannot be reached. */
  private Uni<StepOutcome> changeReplicas(List<Topology.Server> replicas, StepContext step) {
    List<String> done = new ArrayList<>();
    List<String> down = new ArrayList<>();
    return Multi.createFrom()
        .iterable(replicas)
        .onItem()
        .transformToUniAndConcatenate(
            replica ->
                servers
                    .changeReplica(replica)
                    .invoke(applied -> done.add(replica.name() + " (" + applied + " applied)"))
                    .call(() -> step.progress("changed: " + done))
                    .replaceWithVoid()
                    .onFailure()
                    .recoverWithItem(
                        e -> {
                          down.add(replica.name() + ": " + e.getMessage());
                          return null;
                        }))
        .collect()
        .asList()
        .map(
            all ->
                down.isEmpty()
                    ? new StepOutcome.Done("changed without binary logging: " + done)
                    : new StepOutcome.Waiting("not changed yet: " + down));
  }

  private Uni<StepOutcome> changeInPlace(Topology.Server primary) {
    return servers
        .changeInPlace(primary)
        .map(
            applied ->
                (StepOutcome)
                    new StepOutcome.Done(
                        "%s changed in place (%d applied)".formatted(primary.name(), applied)))
        .onFailure()
        .recoverWithItem(e -> new StepOutcome.Waiting(primary.name() + ": " + e.getMessage()));
  }

  /** Every server has applied the change and holds the same history. */
  private Uni<StepOutcome> verify(Topology.Shard shard, SchemaChange change) {
    return changes
        .view(shard)
        .map(
            view ->
                view.settled()
                    ? new StepOutcome.Done(
                        "every server of %s is at version %s: %s"
                            .formatted(
                                shard.id(),
                                view.servers().get(0).version(),
                                view.servers().stream()
                                    .map(ShardSchemaView.ServerSchema::name)
                                    .toList()))
                    : new StepOutcome.Waiting(
                        "not every server is at %s yet: %s"
                            .formatted(
                                change.target(),
                                view.servers().stream()
                                    .map(
                                        s ->
                                            s.name()
                                                + " "
                                                + (s.error() != null ? s.error() : s.version()))
                                    .toList())));
  }

  /** Cancelled before the promotion: the pivot gives the writes back. */
  @Override
  public List<String> undo(String parameters, List<String> started) {
    return pivot.undo(parameters, started);
  }
}
