package io.flightdeck.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The steps every server's start shares, each turning its failure into a {@link
 * ServerStartException} that names the server and its log.
 */
final class Launch {

  /**
   * The environment variable whose value, split at white space, every JVM server of a set gets (the
   * Quarkus services and the Kafka broker), after the launcher's own options. The build sets it for
   * the tests (the root {@code pom.xml}): they start dozens of JVMs on two cores, and an option
   * that cuts start-up there (C1 only, as Quarkus's dev mode) is theirs to choose, not the
   * benchmarks'.
   */
  static final String JVM_OPTIONS = "FLIGHTDECK_JVM_OPTIONS";

  /**
   * The prefix of the environment variable whose value one JVM server gets after {@link
   * #JVM_OPTIONS}'s: the server's name in capitals with {@code _} for {@code -} ({@code
   * FLIGHTDECK_JVM_OPTIONS_AGGREGATOR}, {@code FLIGHTDECK_JVM_OPTIONS_KAFKA}). For a profiler
   * agent, compilation logs or a larger heap in one server of a run, without touching the others.
   */
  static final String SERVER_JVM_OPTIONS = JVM_OPTIONS + "_";

  /** Unix socket paths are limited to 107 bytes; longer ones go to the temp folder. */
  private static final int MAX_SOCKET_PATH = 100;

  private Launch() {}

  /** The server's unpacked binaries, or "binary missing" with the cause. */
  static <T> T binaries(String server, ServerFiles files, Supplier<T> unpack) {
    try {
      return unpack.get();
    } catch (RuntimeException e) {
      throw new ServerStartException(server, "binary missing: " + e.getMessage(), files.log(), e);
    }
  }

  /**
   * Chooses the port (see {@link Ports#choose}, which only hands out free ones) and fails if a
   * fixed port is held by another process, naming that process when {@code ss} can.
   */
  static int freePort(
      String server, ServerFiles files, ServerSettings settings, String key, OptionalInt fixed) {
    int port = Ports.choose(settings, key, fixed);
    if (fixed.isPresent() && Ports.taken(port)) {
      String holder = Ports.holderOf(port);
      throw new ServerStartException(
          server,
          "port "
              + port
              + ("port".equals(key) ? "" : " (" + key + ")")
              + " is already in use by another process"
              + (holder.isEmpty() ? "" : ": " + holder),
          files.log());
    }
    return port;
  }

  /**
   * Runs the {@code steps} once per data dir, in order, logging their output: a data dir without
   * the marker is a half-initialised leftover and is deleted first.
   */
  static void initialiseData(String server, ServerFiles files, Duration timeout, Command... steps) {
    if (Files.exists(files.initialisedMarker())) {
      return;
    }
    try {
      BinaryCache.deleteTree(files.data());
      Files.createDirectories(files.dir());
      for (Command step : steps) {
        Command.Result result = step.runLoggingTo(files.log(), timeout);
        if (!result.succeeded()) {
          throw new ServerStartException(
              server,
              Path.of(step.args().get(0)).getFileName()
                  + " exited with code "
                  + result.exitCode()
                  + result.output(),
              files.log());
        }
      }
      Files.writeString(files.initialisedMarker(), "");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot initialise " + files.data(), e);
    }
  }

  /** A Unix socket path for the server, inside its folder when short enough. */
  static Path socketPath(ServerFiles files, String name) {
    Path inFolder = files.dir().resolve(name);
    if (inFolder.toString().length() <= MAX_SOCKET_PATH) {
      return inFolder;
    }
    String unique = Integer.toHexString(files.dir().toString().hashCode());
    return Path.of(System.getProperty("java.io.tmpdir"), "flightdeck-" + unique + "-" + name);
  }

  static ServerStatus status(
      String server, ServerFiles files, ServerProcess process, OptionalInt port) {
    OptionalLong pid =
        process.live().map(handle -> OptionalLong.of(handle.pid())).orElse(OptionalLong.empty());
    return new ServerStatus(server, pid.isPresent(), pid, port, files.log(), files.data());
  }

  /**
   * The options the environment gives the named JVM server: {@link #JVM_OPTIONS}'s, then its own
   * {@link #SERVER_JVM_OPTIONS} variable's (so that its own win); none when both are unset.
   */
  static List<String> extraJvmOptions(String server, UnaryOperator<String> environment) {
    String own = SERVER_JVM_OPTIONS + server.toUpperCase(Locale.ROOT).replace('-', '_');
    return Stream.of(JVM_OPTIONS, own)
        .map(environment)
        .filter(value -> value != null && !value.isBlank())
        .flatMap(value -> Stream.of(value.trim().split("\\s+")))
        .toList();
  }

  /** The running JVM's own {@code java}, so child JVMs match it. */
  static String javaCommand() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }
}
