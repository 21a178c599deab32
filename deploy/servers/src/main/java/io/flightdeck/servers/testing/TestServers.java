package io.flightdeck.servers.testing;

import io.flightdeck.servers.Endpoints;
import io.flightdeck.servers.MariaDbEndpoint;
import io.flightdeck.servers.ServerSet;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The servers of one test JVM, shared by all its test classes: started lazily, on first request, in
 * {@code <module>/target/servers/} (or {@code -Dflightdeck.test.servers=<folder>}), and stopped by
 * a shutdown hook when the JVM ends. Each request adds to what runs; a request for a server that
 * runs already is answered at once. Servers a test stopped or killed are started again by the next
 * request. Thread-safe.
 *
 * <p>With {@code -Dflightdeck.servers=testcontainers} (or another {@link ServerProvider}) that
 * provider starts them instead, and {@link #servers()} is refused by it.
 *
 * <p>From plain JUnit 5: {@code MariaDbEndpoint db = TestServers.mariaDb("inflight-0");} in a
 * {@code @BeforeAll}; from Quarkus tests use {@link ServersTestResource}.
 */
public final class TestServers {

  /** Overrides the state folder (default {@code target/servers} in the working directory). */
  public static final String STATE_FOLDER_PROPERTY = "flightdeck.test.servers";

  /** Null until first asked: a misnamed provider then fails that call, naming the property. */
  private static Optional<ServerProvider> provider;

  private static ServerRequest requested = ServerRequest.NONE;
  private static ServerSet servers;
  private static boolean hookInstalled;

  private TestServers() {}

  /** Starts what {@code request} needs, beside what runs already; returns every endpoint. */
  public static synchronized Endpoints start(ServerRequest request) {
    if (provider().isPresent()) {
      return provider.get().start(request);
    }
    requested = requested.and(request);
    servers = requested.addTo(ServerSet.builder(stateFolder())).build();
    if (!hookInstalled) {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(TestServers::stopAll, "flightdeck-test-servers-stop"));
      hookInstalled = true;
    }
    return servers.start();
  }

  /** Starts the MariaDB server of {@code store} (if needed) and returns its endpoint. */
  public static MariaDbEndpoint mariaDb(String store) {
    return start(ServerRequest.mariaDb(store)).mariaDb(store);
  }

  /** Starts the Kafka broker (if needed) and returns its bootstrap servers. */
  public static String kafkaBootstrapServers() {
    return start(ServerRequest.kafkaBroker()).kafkaBootstrapServers();
  }

  /** Starts Unleash and its PostgreSQL (if needed) and returns every endpoint. */
  public static Endpoints unleash() {
    return start(ServerRequest.unleashServer());
  }

  /**
   * The JVM's current set, to stop, kill or restart one server in an outage test (for example
   * {@code TestServers.servers().stop("kafka")}), or to create a database ({@code
   * servers().mariaDb("inflight-0").createDatabase("orders_it")}).
   *
   * @throws IllegalStateException before any start
   * @throws RuntimeException the provider's {@link ServerProvider#unsupported} under another one
   */
  public static synchronized ServerSet servers() {
    if (provider().isPresent()) {
      throw provider.get().unsupported("stopping, killing or restarting a server");
    }
    if (servers == null) {
      throw new IllegalStateException("No test servers yet: call TestServers.start(...) first");
    }
    return servers;
  }

  /** Why the chosen provider cannot run servers here, or empty (the launcher always can). */
  public static Optional<String> unavailable() {
    return provider().flatMap(ServerProvider::unavailable);
  }

  private static synchronized Optional<ServerProvider> provider() {
    if (provider == null) {
      provider = ServerProvider.chosen();
    }
    return provider;
  }

  /** The folder holding this JVM's servers. */
  public static Path stateFolder() {
    return Path.of(System.getProperty(STATE_FOLDER_PROPERTY, "target/servers"))
        .toAbsolutePath()
        .normalize();
  }

  private static synchronized void stopAll() {
    if (servers != null) {
      servers.stop();
    }
  }
}
