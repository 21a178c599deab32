package io.flightdeck.postflight.operations.pivot;

/** One pre-check of a pivot: its name, whether it passed, and why. */
public record PivotCheck(String name, boolean passed, String reason) {
  static PivotCheck pass(String name, String reason) {
    return new PivotCheck(name, true, reason);
  }

  static PivotCheck fail(String name, String reason) {
    return new PivotCheck(name, false, reason);
  }
}
