package io.flightdeck.benchmarks;

import java.util.Optional;

/**
 * One line of a program's summary, as {@link AllBenchmarks} prints it: a figure measured, and the
 * figure it is compared with (its ceiling or baseline), measured in the same run.
 *
 * @param what what was measured, e.g. "service transitions/s"
 * @param value its value, in {@code unit}
 * @param unit e.g. "ops/s", "ms", "MB"
 * @param against the ceiling or baseline it is compared with, if any
 */
record Figure(String what, double value, String unit, Optional<Against> against) {

  /** A figure compared with nothing (e.g. a service's RSS). */
  static Figure of(String what, double value, String unit) {
    return new Figure(what, value, unit, Optional.empty());
  }

  /** A figure beside the one it is compared with, in the same unit. */
  static Figure beside(
      String what, double value, String unit, String ceiling, double ceilingValue) {
    return new Figure(what, value, unit, Optional.of(new Against(ceiling, ceilingValue)));
  }

  /** The value divided by the ceiling's. */
  Optional<Double> ratio() {
    return against.filter(a -> a.value() != 0).map(a -> value / a.value());
  }

  /**
   * @param what the ceiling or baseline, e.g. "raw UPDATE ops/s"
   * @param value its value, in the figure's unit
   */
  record Against(String what, double value) {}
}
