package io.flightdeck.servers;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * Chooses the servers of a {@link ServerSet} and, optionally, their ports; nothing starts here.
 * Servers without a fixed port get a free loopback port at their first start, remembered for the
 * next.
 */
public final class ServerSetBuilder {

  private final StateFolder state;
  private final Set<String> mariaDbStores = new LinkedHashSet<>();
  private final Map<String, MariaDbOptions> mariaDbOptions = new HashMap<>();
  private final Map<String, Integer> fixedPorts = new HashMap<>();
  private final Map<String, QuarkusApp> quarkusApps = new LinkedHashMap<>();
  private boolean kafka;
  private boolean postgres;
  private boolean unleash;
  private BinaryCache cache;

  ServerSetBuilder(StateFolder state) {
    this.state = state;
  }

  /** One MariaDB server per named store, e.g. {@code "inflight-0", "shard-0"}. */
  public ServerSetBuilder mariaDb(String... stores) {
    mariaDbStores.addAll(List.of(stores));
    return this;
  }

  /**
   * One MariaDB server for the named store with a fixed replication identity (a store added before
   * keeps its place and takes these options).
   */
  public ServerSetBuilder mariaDb(String store, MariaDbOptions options) {
    mariaDbStores.add(store);
    mariaDbOptions.put(store, options);
    return this;
  }

  /** The Kafka broker. */
  public ServerSetBuilder kafka() {
    kafka = true;
    return this;
  }

  /** PostgreSQL alone (Unleash brings it anyway). */
  public ServerSetBuilder postgres() {
    postgres = true;
    return this;
  }

  /** Unleash, and the PostgreSQL it needs. */
  public ServerSetBuilder unleash() {
    unleash = true;
    postgres = true;
    return this;
  }

  /**
   * A Quarkus application, started from its fast-jar once every server of the set is ready, with
   * their endpoint properties and {@code properties} as system properties (see {@link
   * QuarkusService}). Its port, like a server's, is fixed with {@link #port} or chosen at its first
   * start.
   */
  public ServerSetBuilder quarkusService(String name, Path runJar, Map<String, String> properties) {
    quarkusApps.put(name, new QuarkusApp(runJar, Map.copyOf(properties)));
    return this;
  }

  /**
   * Fixes the main port of the named server ({@code kafka}, {@code unleash}, {@code
   * mariadb-<store>}, {@code postgres}) or Quarkus service.
   */
  public ServerSetBuilder port(String server, int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("Bad port " + port + " for " + server);
    }
    fixedPorts.put(server, port);
    Ports.reserve(port); // no server of this JVM chooses it meanwhile
    return this;
  }

  /** Another binary cache than the project's (the default). */
  public ServerSetBuilder binaryCache(BinaryCache binaryCache) {
    this.cache = binaryCache;
    return this;
  }

  public ServerSet build() {
    BinaryCache binaries = cache != null ? cache : BinaryCache.ofProject();
    Map<String, Server> servers = new LinkedHashMap<>();
    for (String store : mariaDbStores) {
      MariaDbServer server =
          new MariaDbServer(
              store,
              state,
              binaries,
              fixed("mariadb-" + store),
              mariaDbOptions.getOrDefault(store, MariaDbOptions.CHOSEN_AT_FIRST_START));
      servers.put(server.name(), server);
    }
    if (kafka) {
      servers.put("kafka", new KafkaBroker(state, binaries, fixed("kafka")));
    }
    if (postgres) {
      PostgresServer database = new PostgresServer(state, binaries, fixed("postgres"));
      servers.put(database.name(), database);
      if (unleash) {
        servers.put("unleash", new UnleashServer(state, binaries, database, fixed("unleash")));
      }
    }
    addQuarkusServices(servers);
    fixedPorts.keySet().stream()
        .filter(name -> !servers.containsKey(name))
        .findFirst()
        .ifPresent(
            name -> {
              throw new IllegalArgumentException(
                  "A port was fixed for '"
                      + name
                      + "', which is not in the set "
                      + servers.keySet());
            });
    return new ServerSet(state, servers);
  }

  private void addQuarkusServices(Map<String, Server> servers) {
    List<Server> infrastructure = List.copyOf(servers.values());
    List<String> names = infrastructure.stream().map(Server::name).toList();
    for (Map.Entry<String, QuarkusApp> app : quarkusApps.entrySet()) {
      if (servers.containsKey(app.getKey())) {
        throw new IllegalArgumentException(
            "A Quarkus service cannot be named like the server '" + app.getKey() + "'");
      }
      servers.put(
          app.getKey(),
          new QuarkusService(
              app.getKey(),
              app.getValue().runJar(),
              app.getValue().properties(),
              () -> endpointProperties(infrastructure),
              names,
              state,
              fixed(app.getKey())));
    }
  }

  /**
   * Read when a service starts, after its servers: ports chosen at their first start are known by
   * then.
   */
  private static Map<String, String> endpointProperties(List<Server> servers) {
    Map<String, String> properties = new TreeMap<>();
    servers.stream()
        .filter(server -> server.port().isPresent())
        .forEach(server -> properties.putAll(server.properties()));
    return properties;
  }

  private record QuarkusApp(Path runJar, Map<String, String> properties) {}

  private OptionalInt fixed(String server) {
    Integer port = fixedPorts.get(server);
    return port == null ? OptionalInt.empty() : OptionalInt.of(port);
  }
}
