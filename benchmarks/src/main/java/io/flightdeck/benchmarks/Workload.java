package io.flightdeck.benchmarks;

import io.vertx.core.Future;
import io.vertx.core.Promise;
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

  /** A producer's loop: operations one after the other, completing {@code stopped} at the end. */
  @FunctionalInterface
  interface Loop<P> {
    void next(P producer, Measurement measurement, Promise<Void> stopped);
  }

  /** Starts each producer's loop; completes once every one has stopped. */
  static <P> Future<Void> all(List<P> producers, Measurement measurement, Loop<P> loop) {
    List<Future<Void>> done =
        producers.stream()
            .map(
                producer -> {
                  Promise<Void> stopped = Promise.promise();
                  loop.next(producer, measurement, stopped);
                  return stopped.future();
                })
            .toList();
    return Future.all(done).mapEmpty();
  }
}
