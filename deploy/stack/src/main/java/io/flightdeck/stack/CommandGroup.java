package io.flightdeck.stack;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A command that only names its subcommands ({@code flightdeck}, {@code shard}, {@code replica},
 * …): run without one, it is a usage error (exit code 2) that says what to give.
 */
abstract class CommandGroup implements Runnable {
  @Spec CommandSpec spec;

  private final String expected;

  /**
   * @param expected the subcommands, as the error shows them: {@code Missing command: <expected>}
   */
  CommandGroup(String expected) {
    this.expected = expected;
  }

  @Override
  public final void run() {
    throw new ParameterException(spec.commandLine(), "Missing command: " + expected);
  }
}
