package io.flightdeck.postflight.operations;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a step of an operation is, as stored. */
public enum StepState {
  /** Not started yet. */
  PENDING,
  /** A driver started it and has not recorded its end (it may have died meanwhile). */
  RUNNING,
  /** It could not proceed and will be tried again; the reason says why. */
  WAITING,
  /** Finished. */
  DONE,
  /** It can never succeed as asked; the reason says why. */
  FAILED,
  /** The operation was cancelled before this step finished; it will not run (again). */
  CANCELLED;

  /** Whether nothing more will happen to the step. */
  public boolean finished() {
    return this == DONE || this == FAILED || this == CANCELLED;
  }

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static StepState parse(String stored) {
    return valueOf(stored.toUpperCase(Locale.ROOT));
  }
}
