package io.flightdeck.servers.containers;

import io.flightdeck.servers.Endpoints;
import io.flightdeck.servers.UnleashServer;
import io.flightdeck.servers.testing.ServerProvider;
import io.flightdeck.servers.testing.ServerRequest;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.opentest4j.TestAbortedException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.lifecycle.Startables;

/**
 * The tests' servers in containers ({@code -Dflightdeck.servers=testcontainers}), for machines with
 * a Docker engine: one MariaDB per requested store, Kafka, PostgreSQL and Unleash, started on first
 * request and kept for the test JVM (Testcontainers removes them when it ends). Without a Docker
 * engine every test that asks for servers is skipped, saying why, the way a JUnit assumption skips.
 * Tests that stop or kill a server need the process launcher and are skipped here too.
 */
public final class ContainerServers implements ServerProvider {

  static final String NAME = "testcontainers";

  static final String NO_DOCKER =
      "Skipped: -Dflightdeck.servers=testcontainers needs a Docker engine and there is none here"
          + " (without the switch the tests start their servers as processes)";

  /** Server ids (and GTID domains) of the stores' servers, distinct per store as the launcher's. */
  private static final int FIRST_SERVER_ID = 1001;

  private final Map<String, GenericContainer<?>> mariaDbs = new LinkedHashMap<>();
  private GenericContainer<?> kafka;
  private GenericContainer<?> postgres;
  private GenericContainer<?> unleash;
  private Network network;
  private boolean noDockerSaid;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public synchronized Optional<String> unavailable() {
    if (withOwnLoader(() -> DockerClientFactory.instance().isDockerAvailable())) {
      return Optional.empty();
    }
    if (!noDockerSaid) {
      System.err.println(NO_DOCKER);
      noDockerSaid = true;
    }
    return Optional.of(NO_DOCKER);
  }

  @Override
  public synchronized Endpoints start(ServerRequest request) {
    unavailable()
        .ifPresent(
            reason -> {
              throw new TestAbortedException(reason);
            });
    return withOwnLoader(() -> startContainers(request));
  }

  private Endpoints startContainers(ServerRequest request) {
    List<GenericContainer<?>> starting = new ArrayList<>();
    for (String store : request.mariaDbStores()) {
      if (!mariaDbs.containsKey(store)) {
        GenericContainer<?> server = ServerContainers.mariaDb(FIRST_SERVER_ID + mariaDbs.size());
        mariaDbs.put(store, server);
        starting.add(server);
      }
    }
    if (request.kafka() && kafka == null) {
      kafka = ServerContainers.kafka();
      starting.add(kafka);
    }
    if (request.postgres() && postgres == null) {
      network = Network.newNetwork();
      postgres = ServerContainers.postgres(network);
      starting.add(postgres);
    }
    Startables.deepStart(starting).join();
    if (request.unleash() && unleash == null) {
      unleash = ServerContainers.unleash(network);
      unleash.start();
      String url = "http://" + unleash.getHost() + ":" + unleash.getFirstMappedPort();
      UnleashServer.contextFieldProblem(HttpClient.newHttpClient(), url)
          .ifPresent(
              problem -> {
                throw new IllegalStateException("Unleash in a container: " + problem);
              });
    }
    return endpoints();
  }

  private Endpoints endpoints() {
    Map<String, Integer> mariaDbPorts = new LinkedHashMap<>();
    mariaDbs.forEach(
        (store, server) ->
            mariaDbPorts.put(store, server.getMappedPort(ServerContainers.MARIADB_PORT)));
    return ContainerEndpoints.of(
        DockerClientFactory.instance().dockerHostIpAddress(),
        mariaDbPorts,
        mappedPort(kafka, ServerContainers.KAFKA_PORT),
        mappedPort(postgres, ServerContainers.POSTGRES_PORT),
        mappedPort(unleash, ServerContainers.UNLEASH_PORT));
  }

  private static OptionalInt mappedPort(GenericContainer<?> container, int port) {
    return container == null ? OptionalInt.empty() : OptionalInt.of(container.getMappedPort(port));
  }

  /**
   * Testcontainers finds its Docker strategies through the thread's class loader; a Quarkus test
   * runs this from loaders of its own, so the strategies must come from the loader of this class.
   */
  private static <T> T withOwnLoader(Supplier<T> action) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(ContainerServers.class.getClassLoader());
    try {
      return action.get();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  @Override
  public RuntimeException unsupported(String what) {
    return new TestAbortedException(
        "Skipped under -Dflightdeck.servers=testcontainers: "
            + what
            + " needs the process launcher (run without the switch)");
  }
}
