package io.flightdeck.postflight.operations;

import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * One kind of long operation (one package each: {@code retirement}, later the shard split and the
 * pivot). The kind checks a request and names its steps before anything is stored (its REST
 * resource does that, then calls {@link Operations#start}); the engine ({@link OperationDriver})
 * then calls {@link #run} for each step, on one instance at a time, until every step is done.
 *
 * <p>A step must be idempotent: a driver killed in the middle of one leaves it {@code running}, and
 * the next driver runs it again from the start. Its outcome says whether it is done, must wait (the
 * engine tries again later), or can never succeed.
 */
public interface OperationKind {
  /** The name stored with each operation of this kind, e.g. {@code partition-retirement}. */
  String name();

  /**
   * Does one step, or in a dry run ({@link StepContext#dryRun()}) checks everything it would do and
   * changes nothing. A failure of the returned Uni counts as {@link StepOutcome.Waiting} with its
   * message: tried again after the retry delay.
   */
  Uni<StepOutcome> run(StepContext step);

  /**
   * The steps that undo a cancelled operation, in the order they run, given the steps that had
   * started (done, or stopped midway: every undo step must cope with a step half done). They are
   * appended to the operation and run like any step. Empty by default: cancelling then only stops
   * the steps not started.
   */
  default List<String> undo(String parameters, List<String> started) {
    return List.of();
  }
}
