package io.flightdeck.stack;

import io.flightdeck.servers.Endpoints;
import io.flightdeck.servers.Ports;
import io.flightdeck.servers.ProjectRoot;
import java.nio.file.Path;
import java.util.Map;

/**
 * One local stack for every end-to-end test class that only adds data to it: started by the first
 * class that asks, stopped when the test JVM exits. Bringing the stack up costs about a minute of
 * the two cores, so the classes that never stop, kill or reconfigure a part share it; each works
 * on accounts of its own, so none sees another's records. Classes that kill parts start their own
 * server set in a folder of their own.
 */
final class SharedStack {
  private static LocalStack stack;
  private static Endpoints endpoints;

  private SharedStack() {}

  /** The running stack, started on the first call. */
  static synchronized LocalStack get() {
    if (stack == null) {
      StackPorts ports = new StackPorts(Ports.free(), Ports.free(), Ports.free(), Ports.free(), Ports.free(), Map.of());
      LocalStack starting = LocalStack.of(ProjectRoot.locate(), Path.of("target", "stack-it").toAbsolutePath(), ports);
      Runtime.getRuntime().addShutdownHook(new Thread(starting::down, "shared-stack-down"));
      endpoints = starting.up();
      stack = starting;
    }
    return stack;
  }

  /** Where the stack's servers listen. */
  static synchronized Endpoints endpoints() {
    get();
    return endpoints;
  }
}
