package io.flightdeck.postflight.operations;

import io.smallrye.mutiny.Uni;

/** How a step of an operation ended this time. */
public sealed interface StepOutcome {
  /** Done (nothing to do is done too); {@code progress} says what it did. */
  record Done(String progress) implements StepOutcome {}

  /**
   * Could not proceed now (a shard down, a lock not granted); tried again later, {@code reason}
   * says why.
   */
  record Waiting(String reason) implements StepOutcome {}

  /** Can never succeed as asked; not tried again. {@code reason} says why and what to do. */
  record Failed(String reason) implements StepOutcome {}

  /** A step that ended done, as the step returns it. */
  static Uni<StepOutcome> done(String progress) {
    return Uni.createFrom().item(new Done(progress));
  }

  /**
   * A step of a dry run that would change something: done, saying what it would do, so every kind
   * words its dry runs alike ({@code dry run: would …}).
   */
  static Uni<StepOutcome> wouldDo(String what) {
    return done("dry run: would " + what);
  }

  /** A step that waits, as the step returns it. */
  static Uni<StepOutcome> waiting(String reason) {
    return Uni.createFrom().item(new Waiting(reason));
  }

  /** A step that failed for good, as the step returns it. */
  static Uni<StepOutcome> failed(String reason) {
    return Uni.createFrom().item(new Failed(reason));
  }
}
