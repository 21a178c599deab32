package io.flightdeck.benchmarks;

import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * The entry point of the {@code bench} profile: {@code Benchmarks <program> [options]} runs one
 * program by its class name ({@code -Dbench.program=PublicPaging}), or every one with {@code all}.
 */
public final class Benchmarks {

  private Benchmarks() {}

  public static void main(String[] args) {
    if (args.length == 0) {
      System.err.println(
          "usage: Benchmarks all|"
              + String.join("|", AllBenchmarks.PROGRAMS.keySet())
              + " [options]");
      System.exit(2);
    }
    String name = args[0];
    Supplier<? extends Callable<Integer>> program =
        name.equalsIgnoreCase("all") ? AllBenchmarks::new : AllBenchmarks.PROGRAMS.get(name);
    if (program == null) {
      System.err.println(
          "no benchmark program "
              + name
              + "; one of all, "
              + String.join(", ", AllBenchmarks.PROGRAMS.keySet()));
      System.exit(2);
    }
    System.exit(BenchmarkProgram.execute(program.get(), Arrays.copyOfRange(args, 1, args.length)));
  }
}
