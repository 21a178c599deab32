package io.flightdeck.postflight.operations.split;

import io.flightdeck.postflight.operations.StepContext;
import io.flightdeck.postflight.operations.StepOutcome;
import io.flightdeck.postflight.store.ShardDefinition;
import io.flightdeck.postflight.store.Shards;
import io.smallrye.mutiny.Uni;

/**
 * The split's first steps on the two shards: {@code clone}, {@code catch-up}, and their undo. Each
 * is idempotent: a clone run again removes the link, empties the target and starts over; a catch-up
 * only looks.
 */
final class SplitCatchUp {

  private SplitCatchUp() {}

  static Uni<StepOutcome> clone(SplitRun run, StepContext step) {
    return run.onTarget(
        targetPool ->
            run.link()
                .removed(targetPool)
                .chain(
                    () ->
                        run.onSource(
                            sourcePool ->
                                SnapshotClone.copy(
                                    sourcePool,
                                    targetPool,
                                    rows -> step.progress("rows copied: " + rows))))
                .call(cloned -> run.link().startFrom(targetPool, cloned.gtidPosition()))
                .map(
                    cloned ->
                        new StepOutcome.Done(
                            "rows copied: %d at GTID position %s; replicating as %s"
                                .formatted(
                                    cloned.rows(), cloned.gtidPosition(), run.link().name()))));
  }

  static Uni<StepOutcome> caughtUp(SplitRun run, StepContext step) {
    return run.withLinkState(
        (targetPool, state) -> {
          if (!state.running()) {
            return StepOutcome.waiting(run.link().notRunning(state));
          }
          String lag = state.secondsBehind().map(s -> s + " s").orElse("unknown");
          return run.onSource(sourcePool -> ReplicationLink.applied(sourcePool, targetPool))
              .chain(
                  applied ->
                      applied
                          ? StepOutcome.done("caught up: replication lag 0 s")
                          : step.progress("replication lag: " + lag)
                              .replaceWith(new StepOutcome.Waiting("replication lag: " + lag)));
        });
  }

  /** The undo: stops and forgets the link, then empties the target's tables. */
  static Uni<StepOutcome> dropCopy(Shards shards, ShardDefinition target, ReplicationLink link) {
    return shards.withPool(
        target,
        targetPool -> {
          Uni<Void> done = link.removed(targetPool);
          for (String table : SnapshotClone.TABLES) {
            done =
                done.chain(
                    () -> targetPool.query("TRUNCATE TABLE " + table).execute().replaceWithVoid());
          }
          return done.replaceWith(
              new StepOutcome.Done("replication " + link.name() + " removed, target emptied"));
        });
  }
}
