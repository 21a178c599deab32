package io.flightdeck.servers;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A short-lived tool run to completion (initialise a data dir, run SQL, format storage), never
 * allowed to hang: after its timeout it is killed and reported as failed.
 *
 * @param args the program and its arguments
 * @param environment extra environment variables
 * @param input fed to its standard input, or null for none
 * @param inputFile its standard input, or null for none (streamed: a dump may not fit in memory)
 */
record Command(List<String> args, Map<String, String> environment, String input, Path inputFile) {

  Command(List<String> args) {
    this(args, Map.of(), null, null);
  }

  Command withInput(String text) {
    return new Command(args, environment, text, null);
  }

  Command withInputFile(Path file) {
    return new Command(args, environment, null, file);
  }

  Command withEnvironment(Map<String, String> variables) {
    return new Command(args, variables, input, inputFile);
  }

  /** How the command ended and what it printed (stdout and stderr merged). */
  record Result(int exitCode, String output) {
    boolean succeeded() {
      return exitCode == 0;
    }
  }

  /** Runs the command, capturing its output. */
  Result run(Duration timeout) {
    try {
      Path out = Files.createTempFile("flightdeck-command", ".out");
      try {
        Result result = run(timeout, ProcessBuilder.Redirect.to(out.toFile()));
        return new Result(
            result.exitCode(), Files.readString(out, StandardCharsets.UTF_8) + result.output());
      } finally {
        Files.deleteIfExists(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs the command appending its output to {@code log}. */
  Result runLoggingTo(Path log, Duration timeout) {
    return run(timeout, ProcessBuilder.Redirect.appendTo(log.toFile()));
  }

  private Result run(Duration timeout, ProcessBuilder.Redirect output) {
    ProcessBuilder builder =
        new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(output);
    builder.environment().putAll(environment);
    if (inputFile != null) {
      builder.redirectInput(inputFile.toFile());
    } else if (input == null) {
      builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    }
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run " + args.get(0) + ": " + e.getMessage(), e);
    }
    try {
      if (input != null) {
        try (OutputStream in = process.getOutputStream()) {
          in.write(input.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        return new Result(
            -1,
            "\n"
                + args.get(0)
                + " did not finish within "
                + timeout.toSeconds()
                + " s and was killed");
      }
      return new Result(process.exitValue(), "");
    } catch (IOException e) {
      process.destroyForcibly();
      throw new UncheckedIOException("Cannot feed input to " + args.get(0), e);
    } catch (InterruptedException e) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + args.get(0), e);
    }
  }
}
