package io.flightdeck.servers.testing;

import io.flightdeck.servers.Endpoints;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Another way for tests to get their servers than the process launcher, chosen by {@code
 * -Dflightdeck.servers=<name>} (default {@value #PROCESSES}: the launcher, {@link TestServers}).
 * Found on the test class path by {@link ServiceLoader}; a provider hands over the same {@code
 * flightdeck.servers.*} properties as the launcher ({@link Endpoints#of}), so a module's tests and
 * configuration do not know which one ran.
 */
public interface ServerProvider {

  /** The system property that chooses the provider. */
  String PROPERTY = "flightdeck.servers";

  /** The default: the launcher's own processes. */
  String PROCESSES = "processes";

  /** What {@value #PROPERTY} says to choose this provider. */
  String name();

  /**
   * Why this provider cannot run servers here (for example: no Docker engine), or empty. Tests
   * carrying {@link ServersAvailable} are then skipped with this reason, before anything boots.
   */
  default Optional<String> unavailable() {
    return Optional.empty();
  }

  /** Starts what {@code request} needs, beside what runs already; every endpoint. Thread-safe. */
  Endpoints start(ServerRequest request);

  /**
   * What to throw when a test asks for what only the launcher does ({@code what}: stopping, killing
   * or restarting a server): a skip or a failure, naming it.
   */
  RuntimeException unsupported(String what);

  /**
   * The provider {@value #PROPERTY} names, or empty for the launcher.
   *
   * @throws IllegalStateException when no provider of that name is on the class path
   */
  static Optional<ServerProvider> chosen() {
    String name = System.getProperty(PROPERTY, PROCESSES).trim();
    if (name.isEmpty() || name.equals(PROCESSES)) {
      return Optional.empty();
    }
    // This interface's own loader, not the thread's: Quarkus tests load classes through loaders
    // of their own, and a provider found by another loader would not be a ServerProvider here.
    for (ServerProvider provider :
        ServiceLoader.load(ServerProvider.class, ServerProvider.class.getClassLoader())) {
      if (provider.name().equals(name)) {
        return Optional.of(provider);
      }
    }
    throw new IllegalStateException(
        "-D"
            + PROPERTY
            + "="
            + name
            + " names no server provider on the test class path (the testcontainers one comes"
            + " with the module's Maven profile of that name; see deploy/servers/README.md)");
  }
}
