package io.flightdeck.stack;

import io.flightdeck.servers.Endpoints;
import io.flightdeck.servers.Ports;
import io.flightdeck.servers.ProjectRoot;
import java.nio.file.Path;
import java.util.Map;

/**
 * The one local stack the end-to-end test classes share: the first class that asks brings it up (in
 * {@code target/stack-it}, on free ports), every later class reuses it, and it goes down when the
 * test JVM exits. A stack start is the longest part of these tests (about a minute of the two
 * cores); each class works on accounts of its own, so none sees another's records. A class that
 * stops, kills or reconfigures parts of a stack keeps its own.
 *
 * <p>A static holder rather than a JUnit extension, so that property classes (jqwik, another test
 * engine in the same JVM) share the same stack. Call {@link #stack()} from a {@code @BeforeAll}.
 */
final class SharedStack {
  /**
   * The services that follow the accounts' flags fetch them every second instead of every 5 s, as
   * in their own modules' tests, so that a flip reaches them in about a second.
   */
  private static final Map<String, String> FLAG_FETCH =
      Map.of("flightdeck.flags.unleash.fetch-interval", "1s");

  /**
   * postflight-service's migrations watch the shadow reads for 20 s instead of minutes, so that
   * {@link LegacyMigrationIT} runs one whole within CI's time; a flag flip is given 4 s to reach
   * the services ({@link #FLAG_FETCH}: two of their fetches and 2 s more, as the stack's 12 s for
   * its 5 s); every other step keeps its stack settings.
   */
  private static final Map<String, String> MIGRATION_SETTINGS =
      Map.of(
          "flightdeck.postflight.migration.watch-window",
          "20s",
          "flightdeck.postflight.migration.flag-settle",
          "4s");

  private static LocalStack stack;
  private static Endpoints endpoints;

  private SharedStack() {}

  /** The running stack, started on the first call. */
  static synchronized LocalStack stack() {
    if (stack == null) {
      StackPorts ports =
          new StackPorts(
              Ports.free(), Ports.free(), Ports.free(), Ports.free(), Ports.free(), Map.of());
      Path state = Path.of("target", "stack-it").toAbsolutePath();
      LocalStack starting =
          LocalStack.of(
              ProjectRoot.locate(),
              state,
              ports,
              FLAG_FETCH,
              FLAG_FETCH,
              MIGRATION_SETTINGS,
              InflightNodeCount.in(state).count());
      Runtime.getRuntime().addShutdownHook(new Thread(starting::down, "shared-stack-down"));
      endpoints = starting.up();
      stack = starting;
    }
    return stack;
  }

  /** Where its servers listen. */
  static synchronized Endpoints endpoints() {
    stack();
    return endpoints;
  }
}
