package io.flightdeck.stack;

import io.flightdeck.servers.Endpoints;
import io.flightdeck.servers.Ports;
import io.flightdeck.servers.ProjectRoot;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one local stack the end-to-end test classes share: the first class that needs it brings it
 * up (in {@code target/stack-it}, on free ports), every later class reuses it, and it goes down once
 * when the whole test run ends (JUnit closes what its root store holds). A stack start is the
 * longest part of these tests; a class that stops or kills parts of a stack keeps its own.
 *
 * <p>Use: {@code @ExtendWith(SharedStack.class)} on the class, then {@link #stack()} and {@link
 * #endpoints()} from its {@code @BeforeAll} on.
 */
final class SharedStack implements BeforeAllCallback {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedStack.class);

  private static volatile Running running;

  @Override
  public void beforeAll(ExtensionContext context) {
    running = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Running.class, key -> Running.start(), Running.class);
  }

  /** The running stack. */
  static LocalStack stack() {
    return current().stack();
  }

  /** Where its servers listen. */
  static Endpoints endpoints() {
    return current().endpoints();
  }

  private static Running current() {
    if (running == null) {
      throw new IllegalStateException("annotate the test class with @ExtendWith(SharedStack.class)");
    }
    return running;
  }

  /** The started stack, stopped when the root store closes it at the end of the run. */
  private record Running(LocalStack stack, Endpoints endpoints) implements AutoCloseable {
    static Running start() {
      StackPorts ports = new StackPorts(Ports.free(), Ports.free(), Ports.free(), Ports.free(), Ports.free(), Map.of());
      LocalStack stack = LocalStack.of(ProjectRoot.locate(), Path.of("target", "stack-it").toAbsolutePath(), ports);
      return new Running(stack, stack.up());
    }

    @Override
    public void close() {
      stack.down();
    }
  }
}
