package io.flightdeck.benchmarks;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * A runnable benchmark: a picocli command whose {@link #call()} starts its servers, measures and
 * prints its report; afterwards {@link #figures()} holds its headline figures for the summary of
 * {@link AllBenchmarks}.
 */
interface BenchmarkProgram extends Callable<Integer> {

  /** The figures of the last {@link #call()}; empty before. */
  List<Figure> figures();

  /**
   * The options of a smoke run: seconds, not minutes, only to show the program works (its figures
   * mean nothing).
   */
  List<String> smokeArgs();
}
