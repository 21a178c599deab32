package io.flightdeck.benchmarks;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * What every benchmark program's command shares: the figures its run adds as it measures them, and
 * how it refuses options it cannot run with. Not thread-safe: the run adds its figures, and {@link
 * #figures()} is read once the run is over.
 */
abstract class BenchmarkCommand implements BenchmarkProgram {

  /** The figures of the last run, in the order measured; a run may clear them first. */
  protected final List<Figure> figures = new ArrayList<>();

  @Override
  public final List<Figure> figures() {
    return List.copyOf(figures);
  }

  /**
   * The refusal of this command's options, for {@code throw}: picocli prints {@code message} and
   * the usage, and the run exits with status 2 before anything starts.
   */
  protected final CommandLine.ParameterException refusal(String message) {
    return new CommandLine.ParameterException(new CommandLine(this), message);
  }
}
