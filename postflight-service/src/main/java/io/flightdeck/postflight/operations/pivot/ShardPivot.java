package io.flightdeck.postflight.operations.pivot;

import io.flightdeck.postflight.control.ControlConfig;
import io.flightdeck.postflight.control.Topology;
import io.flightdeck.postflight.control.TopologyStore;
import io.flightdeck.postflight.operations.OperationKind;
import io.flightdeck.postflight.operations.OperationStatus;
import io.flightdeck.postflight.operations.Operations;
import io.flightdeck.postflight.operations.StepContext;
import io.flightdeck.postflight.operations.StepOutcome;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The pivot as a kind of operation ({@link PivotSteps}): {@code pre-check}, {@code block-writes}
 * ({@code read_only} on the primary), {@code wait-for-candidate} and {@code promote} ({@link
 * PivotSwitch}), {@code update-catalogue}, {@code resume-writes} (once every instance can have
 * followed the catalogue: the write block is measured from the block's start) and {@code
 * repoint-replicas} ({@link PivotRepoint}); cancelled before {@code promote}, {@code
 * unblock-writes} gives the writes back. Servers are found by name in the topology at each step, so
 * a step run again after the catalogue changed finds them in their new places.
 */
@ApplicationScoped
public class ShardPivot implements OperationKind {
  public static final String NAME = Operations.SHARD_PIVOT;
  private static final Duration MARGIN = Duration.ofMillis(250);

  private final TopologyStore topology;
  private final PivotChecks checks;
  private final PivotServers servers;
  private final PivotSwitch pivotSwitch;
  private final PivotRepoint repoint;
  private final Operations operations;
  private final Duration follow;

  public ShardPivot(
      TopologyStore topology,
      PivotChecks checks,
      PivotServers servers,
      PivotSwitch pivotSwitch,
      PivotRepoint repoint,
      Operations operations,
      ControlConfig control) {
    this.topology = topology;
    this.checks = checks;
    this.servers = servers;
    this.pivotSwitch = pivotSwitch;
    this.repoint = repoint;
    this.operations = operations;
    this.follow = control.pollInterval().plus(MARGIN);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Uni<StepOutcome> run(StepContext step) {
    Pivot pivot = Pivot.fromJson(step.parameters());
    if (step.step().equals(PivotSteps.PRE_CHECK)) {
      return preCheck(pivot, step);
    }
    if (step.dryRun()) {
      return StepOutcome.wouldDo(PivotSteps.does(step.step()));
    }
    return topology
        .read()
        .chain(
            t -> {
              Optional<Topology.Shard> shard = t.shard(pivot.shard());
              Optional<Topology.Server> from =
                  shard.flatMap(s -> PivotServers.named(s, pivot.from()));
              Optional<Topology.Server> candidate =
                  shard.flatMap(s -> PivotServers.named(s, pivot.candidate()));
              if (from.isEmpty() || candidate.isEmpty()) {
                return StepOutcome.failed(
                    "the topology of %s no longer lists %s and %s"
                        .formatted(pivot.shard(), pivot.from(), pivot.candidate()));
              }
              return run(step, pivot, shard.get(), from.get(), candidate.get());
            });
  }

  private Uni<StepOutcome> run(
      StepContext step,
      Pivot pivot,
      Topology.Shard shard,
      Topology.Server from,
      Topology.Server candidate) {
    return switch (step.step()) {
      case PivotSteps.BLOCK_WRITES -> blockWrites(pivot, from);
      case PivotSteps.WAIT_FOR_CANDIDATE ->
          pivotSwitch.waitForCandidate(pivot, from, candidate, step);
      case PivotSteps.PROMOTE -> pivotSwitch.promote(pivot, from, candidate);
      case PivotSteps.UPDATE_CATALOGUE ->
          topology
              .promote(pivot.shard(), pivot.candidate())
              .map(
                  changed ->
                      new StepOutcome.Done(
                          "%s is the primary of %s in the catalogue%s"
                              .formatted(
                                  candidate.name(), pivot.shard(), changed ? "" : " already")));
      case PivotSteps.RESUME_WRITES -> resumeWrites(step, candidate);
      case PivotSteps.REPOINT_REPLICAS -> repoint.repoint(pivot, shard);
      case PivotSteps.UNBLOCK_WRITES ->
          servers
              .readOnly(from.server(), false)
              .replaceWith(new StepOutcome.Done(from.name() + " takes writes again"));
      default -> StepOutcome.failed("a pivot has no step " + step.step());
    };
  }

  private Uni<StepOutcome> preCheck(Pivot pivot, StepContext step) {
    return checks
        .status(
            pivot.shard(),
            Optional.of(pivot.candidate()),
            pivot.force(),
            Optional.of(step.operationId()))
        .map(
            status ->
                status.ready()
                    ? new StepOutcome.Done(
                        (step.dryRun() ? "dry run: " : "")
                            + "every pre-check passes ("
                            + status.checks().size()
                            + ")")
                    : new StepOutcome.Failed("pre-checks failed: " + status.failures()));
  }

  private Uni<StepOutcome> blockWrites(Pivot pivot, Topology.Server from) {
    if (pivot.force()) {
      return StepOutcome.done("no write block: " + from.name() + " is down");
    }
    return servers
        .readOnly(from.server(), true)
        .replaceWith(new StepOutcome.Done(from.name() + " is read_only: writes wait"));
  }

  /**
   * Done once the new primary is writable and every instance can have followed the catalogue (one
   * poll interval and a margin after it changed); says how long writes were blocked.
   */
  private Uni<StepOutcome> resumeWrites(StepContext step, Topology.Server candidate) {
    return servers
        .binlogPosition(candidate.server())
        .chain(() -> Uni.createFrom().voidItem().onItem().delayIt().by(follow))
        .chain(() -> operations.status(step.operationId()))
        .map(
            status ->
                new StepOutcome.Done(
                    "writes go to %s%s".formatted(candidate.name(), blocked(status))));
  }

  /**
   * How long writes were blocked: from the block's start to the catalogue's switch, plus at most
   * one poll interval for every instance to follow it.
   */
  private String blocked(Optional<OperationStatus> status) {
    Optional<Instant> start = stepTime(status, PivotSteps.BLOCK_WRITES, true);
    Optional<Instant> end = stepTime(status, PivotSteps.UPDATE_CATALOGUE, false);
    if (start.isEmpty() || end.isEmpty()) {
      return "";
    }
    return "; writes were blocked %d ms until the catalogue named it, and at most %d ms more until every instance followed"
        .formatted(
            Duration.between(start.get(), end.get()).toMillis(), follow.minus(MARGIN).toMillis());
  }

  private static Optional<Instant> stepTime(
      Optional<OperationStatus> status, String step, boolean started) {
    return status.flatMap(
        s ->
            s.steps().stream()
                .filter(st -> st.name().equals(step))
                .findFirst()
                .map(st -> started ? st.startedAt() : st.endedAt()));
  }

  /** Cancelled before the promotion: writes go back to the old primary. */
  @Override
  public List<String> undo(String parameters, List<String> started) {
    return started.contains(PivotSteps.BLOCK_WRITES)
        ? List.of(PivotSteps.UNBLOCK_WRITES)
        : List.of();
  }
}
