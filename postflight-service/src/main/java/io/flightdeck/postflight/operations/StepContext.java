package io.flightdeck.postflight.operations;

import io.smallrye.mutiny.Uni;
import java.util.Optional;

/** What a step of an operation is given when it runs. */
public interface StepContext {
  /** The operation's id, e.g. {@code OP…}. */
  String operationId();

  /** The step's name (for a retirement: the shard). */
  String step();

  /** The operation's parameters, as JSON, as its kind wrote them. */
  String parameters();

  /** Whether to check everything and change nothing. */
  boolean dryRun();

  /** Records what the step has done so far; the status shows it while the step runs. */
  Uni<Void> progress(String text);

  /**
   * What the step had recorded as its progress when this attempt began (an earlier attempt's, e.g.
   * of a driver killed mid-step); empty at its first attempt. A step that works through rows
   * resumes from a position it wrote there.
   */
  default Optional<String> lastProgress() {
    return Optional.empty();
  }
}
