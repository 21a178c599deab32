package io.flightdeck.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The servers of one state folder: the local stack's, or one test JVM's. Starting is parallel
 * (PostgreSQL before Unleash, every server before a {@link QuarkusService}), idempotent (running
 * servers are reused) and all-or-nothing: the first server to fail abandons the other starts, the
 * call stops every server it started and throws a {@link ServerStartException} naming the failure
 * (the others' are attached as suppressed). Servers are detached OS processes: they outlive this
 * object and this JVM until stopped, and a set built later on the same folder finds them again.
 */
public final class ServerSet {

  private final StateFolder state;

  /** Dependencies come before their dependents. */
  private final Map<String, Server> servers;

  ServerSet(StateFolder state, Map<String, Server> servers) {
    this.state = state;
    this.servers = new LinkedHashMap<>(servers);
  }

  /**
   * A set keeping its state in {@code stateFolder}; binaries come from the project's {@link
   * BinaryCache}.
   */
  public static ServerSetBuilder builder(Path stateFolder) {
    return new ServerSetBuilder(new StateFolder(stateFolder));
  }

  public StateFolder stateFolder() {
    return state;
  }

  /** Every server of the set, dependencies first. */
  public List<Server> servers() {
    return List.copyOf(servers.values());
  }

  /**
   * The server with this name ({@code mariadb-<store>}, {@code kafka}, {@code postgres}, {@code
   * unleash}).
   */
  public Server server(String name) {
    Server server = servers.get(name);
    if (server == null) {
      throw new IllegalArgumentException(
          "No server '" + name + "' in this set; there are " + servers.keySet());
    }
    return server;
  }

  public MariaDbServer mariaDb(String store) {
    return (MariaDbServer) server("mariadb-" + store);
  }

  public KafkaBroker kafka() {
    return (KafkaBroker) server("kafka");
  }

  public PostgresServer postgres() {
    return (PostgresServer) server("postgres");
  }

  public UnleashServer unleash() {
    return (UnleashServer) server("unleash");
  }

  /** The Quarkus application added to the set under this name. */
  public QuarkusService quarkusService(String name) {
    if (!(server(name) instanceof QuarkusService service)) {
      throw new IllegalArgumentException("'" + name + "' is a server, not a Quarkus service");
    }
    return service;
  }

  /** Starts every server of the set; see the class comment for the guarantees. */
  public Endpoints start() {
    return start(servers.keySet());
  }

  /** Starts the named servers and what they depend on; see the class comment for the guarantees. */
  public Endpoints start(String... names) {
    return start(Arrays.asList(names));
  }

  private Endpoints start(Collection<String> names) {
    Set<String> needed = new HashSet<>();
    names.forEach(name -> addWithDependencies(name, needed));
    new ParallelStart(servers.values().stream().filter(s -> needed.contains(s.name())).toList())
        .run();
    return endpoints();
  }

  private void addWithDependencies(String name, Set<String> needed) {
    if (needed.add(name)) {
      server(name).dependsOn().forEach(dependency -> addWithDependencies(dependency, needed));
    }
  }

  /**
   * Stops every server, dependents before their dependencies; waits until all processes are gone.
   */
  public void stop() {
    ParallelStart.stopInOrder(servers());
  }

  /** Stops the named servers (only those), in parallel. */
  public void stop(String... names) {
    ParallelStart.stopInOrder(Arrays.stream(names).map(this::server).toList());
  }

  /** Kills the named server with SIGKILL, as a crash would. */
  public boolean kill(String name) {
    return server(name).kill();
  }

  /** Stops every server and deletes its folder (data, log, ports); the binary cache is kept. */
  public void wipe() {
    stop();
    for (Server server : servers.values()) {
      try {
        BinaryCache.deleteTree(server.files().dir());
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot delete " + server.files().dir(), e);
      }
    }
  }

  /** Each server's state, dependencies first. */
  public List<ServerStatus> status() {
    return servers.values().stream().map(Server::status).toList();
  }

  /** The endpoints of the servers whose ports are known (every server started at least once). */
  public Endpoints endpoints() {
    Map<String, MariaDbEndpoint> mariaDbs = new HashMap<>();
    Optional<String> kafka = Optional.empty();
    Optional<UnleashEndpoint> unleash = Optional.empty();
    OptionalInt postgres = OptionalInt.empty();
    Map<String, String> properties = new HashMap<>();
    for (Server server : servers.values()) {
      if (server.port().isEmpty()) {
        continue;
      }
      properties.putAll(server.properties());
      if (server instanceof MariaDbServer mariaDb) {
        mariaDbs.put(mariaDb.store(), mariaDb.endpoint());
      } else if (server instanceof KafkaBroker broker) {
        kafka = Optional.of(broker.bootstrapServers());
      } else if (server instanceof UnleashServer unleashServer) {
        unleash = Optional.of(unleashServer.endpoint());
      } else if (server instanceof PostgresServer postgresServer) {
        postgres = postgresServer.port();
      }
    }
    return new Endpoints(mariaDbs, kafka, unleash, postgres, properties);
  }
}
