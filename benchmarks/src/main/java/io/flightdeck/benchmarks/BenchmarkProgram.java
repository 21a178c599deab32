package io.flightdeck.benchmarks;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;

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

  /**
   * Runs a benchmark program's command (or {@link AllBenchmarks}'); the launcher's start and stop
   * messages print as one plain line each.
   */
  static int execute(Callable<Integer> program, String[] args) {
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty("java.util.logging.SimpleFormatter.format", "  %5$s%6$s%n");
    }
    return new CommandLine(program).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
  }
}
