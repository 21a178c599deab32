package io.flightdeck.postflight.operations.pivot;

import io.flightdeck.postflight.control.TopologyStore;
import io.flightdeck.postflight.control.UnknownShardException;
import io.flightdeck.postflight.operations.OperationDriver;
import io.flightdeck.postflight.operations.OperationRefusedException;
import io.flightdeck.postflight.operations.OperationStatus;
import io.flightdeck.postflight.operations.Operations;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Starts pivots once every pre-check passes (refused with each failed check named, nothing stored
 * and nothing changed), and finds them again by shard and id. A dry run stores the plan: its
 * pre-check runs for real, the other steps say what they would do.
 */
@ApplicationScoped
public class ShardPivots {
  private final TopologyStore topology;
  private final PivotChecks checks;
  private final Operations operations;
  private final OperationDriver driver;

  public ShardPivots(
      TopologyStore topology, PivotChecks checks, Operations operations, OperationDriver driver) {
    this.topology = topology;
    this.checks = checks;
    this.operations = operations;
    this.driver = driver;
  }

  /** The shard's pre-checks towards {@code to} (empty: its first replica). */
  public Uni<PivotStatus> status(String shard, Optional<String> to, boolean force) {
    return checks.status(shard, to, force, Optional.empty());
  }

  /**
   * @throws UnknownShardException for a shard not in the catalogue
   * @throws OperationRefusedException when a pre-check fails, each failed one named
   */
  public Uni<OperationStatus> start(
      String shard, Optional<String> to, boolean force, boolean dryRun) {
    return topology
        .read()
        .map(t -> t.shard(shard).orElseThrow(() -> new UnknownShardException(shard)))
        .chain(
            s ->
                status(shard, to, force)
                    .map(
                        status -> {
                          if (!status.ready()) {
                            throw new OperationRefusedException(
                                "pivot of %s refused, pre-checks failed: %s"
                                    .formatted(shard, status.failures()));
                          }
                          return new Pivot(shard, s.primary().name(), status.candidate(), force);
                        }))
        .chain(
            pivot ->
                operations.start(
                    ShardPivot.NAME,
                    pivot.toJson(),
                    dryRun,
                    PivotSteps.names(),
                    false,
                    Optional.of(PivotSteps.PROMOTE)))
        .invoke(started -> driver.kick(started.id()));
  }

  /** The shard's pivot of that id; empty for an id of none (or of another shard or kind). */
  public Uni<Optional<OperationStatus>> pivot(String shard, String id) {
    return operations
        .ofKind(ShardPivot.NAME, id)
        .map(found -> found.filter(s -> Pivot.fromJson(s.parameters()).shard().equals(shard)));
  }
}
