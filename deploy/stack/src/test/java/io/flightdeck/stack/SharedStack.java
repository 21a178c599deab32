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
   * postflight-service's migrations watch the shadow reads for 20 s instead of minutes, so that
   * {@link LegacyMigrationIT} runs one whole within CI's time; every other step keeps its stack
   * settings (a flag flip is given its 12 s to reach the services).
   */
  private static final Map<String, String> MIGRATION_SETTINGS =
      Map.of("flightdeck.postflight.migration.watch-window", "20s");

  private static LocalStack stack;
  private static Endpoints endpoints;

  private SharedStack() {}

  /** The running stack, started on the first call. */
  static synchronized LocalStack stack() {
    if (stack == null) {
      StackPorts ports =
          new StackPorts(
              Ports.free(), Ports.free(), Ports.free(), Ports.free(), Ports.free(), Map.of());
      LocalStack starting =
          LocalStack.of(
              ProjectRoot.locate(),
              Path.of("target", "stack-it").toAbsolutePath(),
              ports,
              Map.of(),
              MIGRATION_SETTINGS);
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
