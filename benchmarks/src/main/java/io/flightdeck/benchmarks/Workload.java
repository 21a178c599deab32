package io.flightdeck.benchmarks;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * What one phase drives: a number of concurrent producers, each with one operation in flight at a
 * time.
 */
interface Workload {

  /** The phase's name in the report. */
  String name();

  /**
   * Starts every producer; each keeps going while {@link Measurement#open()} and reports each
   * operation to the measurement.
   *
   * @return completes once every producer has stopped and its last operation has finished
   */
  CompletionStage<Void> run(Measurement measurement);

  /** What else the phase observed, read after {@link #run} completed. */
  List<String> notes();
}
