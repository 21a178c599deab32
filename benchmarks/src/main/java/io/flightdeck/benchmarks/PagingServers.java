package io.flightdeck.benchmarks;

import io.flightdeck.servers.MariaDbEndpoint;
import io.flightdeck.servers.Ports;
import io.flightdeck.servers.ServerSet;
import io.flightdeck.servers.ServerSetBuilder;
import io.flightdeck.servers.UnleashEndpoint;
import io.flightdeck.stack.InflightNodes;
import io.flightdeck.stack.StackCredentials;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the paging and mixed-load benchmarks run against, started through the project's launcher:
 * the platform's read path without Unleash (every flag at its default): the in-flight store's
 * MariaDB nodes (as the local stack starts them, {@link InflightNodes}), two shards, the control
 * database and the legacy store (the aggregator migrates it and does not start without it), Kafka,
 * and the three services from their fast-jars, on free loopback ports; for the mixed load, a second
 * aggregator whose accounts read the legacy store ({@code
 * flightdeck.flags.default.read-path=legacy}) and a second inflight-service whose accounts write to
 * it ({@code flightdeck.flags.default.write-path=legacy}). The state lives in {@code
 * benchmarks/target/{folder}/} and is wiped at every start; logs stay there after {@link #close()},
 * which stops everything. The legacy migration's set adds Unleash, whose flags the services then
 * follow.
 */
final class PagingServers implements AutoCloseable {

  static final String AGGREGATOR = "aggregator";
  static final String INFLIGHT = "inflight-service";
  static final String POSTFLIGHT = "postflight-service";

  /** The aggregator whose accounts read the legacy combined store. */
  static final String LEGACY_AGGREGATOR = "aggregator-legacy";

  /** The inflight-service whose accounts write to the legacy combined store. */
  static final String LEGACY_INFLIGHT = "inflight-legacy";

  /** How often a service's Unleash client fetches the flags (account-flags' FlagsConfig). */
  static final String FLAG_FETCH = "flightdeck.flags.unleash.fetch-interval";

  private final ServerSet servers;
  private final List<String> services;
  private final List<String> nodes;

  private PagingServers(ServerSet servers, List<String> services, List<String> nodes) {
    this.servers = servers;
    this.services = services;
    this.nodes = nodes;
  }

  /**
   * The paging benchmark's set for the project at {@code projectRoot}, with {@code inflightNodes}
   * in-flight nodes; nothing starts here.
   */
  static PagingServers of(Path projectRoot, int inflightNodes) {
    return of(projectRoot, "paging-servers", false, inflightNodes, Optional.empty(), Map.of());
  }

  /**
   * The mixed load's set: also the aggregator that reads the legacy store and the inflight-service
   * that writes to it.
   */
  static PagingServers withLegacyPaths(Path projectRoot, int inflightNodes) {
    return of(projectRoot, "mixed-servers", true, inflightNodes, Optional.empty(), Map.of());
  }

  /**
   * The legacy migration's set: also Unleash (every service reads the accounts' read-path and
   * write-path flags from it, every {@code flagFetch}; postflight-service flips them and gives each
   * flip {@link #flagSettle(Duration)} to reach them), postflight-service configured with {@code
   * postflightSettings} besides; the stack's two in-flight nodes.
   */
  static PagingServers forMigration(
      Path projectRoot, Duration flagFetch, Map<String, String> postflightSettings) {
    Map<String, String> settings = new LinkedHashMap<>(postflightSettings);
    settings.put(
        "flightdeck.postflight.migration.flag-settle", flagSettle(flagFetch).toSeconds() + "s");
    return of(projectRoot, "migration-servers", false, 2, Optional.of(flagFetch), settings);
  }

  /**
   * How long a flag flip is given to reach every service that fetches flags every {@code
   * flagFetch}: two fetches and 2 s more (the stack's 12 s for its 5 s).
   */
  static Duration flagSettle(Duration flagFetch) {
    return flagFetch.multipliedBy(2).plusSeconds(2);
  }

  private static PagingServers of(
      Path projectRoot,
      String folder,
      boolean legacyPaths,
      int inflightNodes,
      Optional<Duration> flagFetch,
      Map<String, String> postflightSettings) {
    Map<String, String> postflightProperties = new LinkedHashMap<>(StackCredentials.postflight());
    postflightProperties.putAll(postflightSettings);
    int inflight = Ports.free();
    int postflight = Ports.free();
    List<String> nodes = InflightNodes.stores(inflightNodes);
    Map<String, String> inflightProperties =
        new LinkedHashMap<>(InflightNodes.serviceProperties(inflightNodes));
    Map<String, String> aggregatorProperties = aggregator(inflight, postflight);
    flagFetch.ifPresent(
        every -> {
          inflightProperties.put(FLAG_FETCH, every.toSeconds() + "s");
          aggregatorProperties.put(FLAG_FETCH, every.toSeconds() + "s");
        });
    ServerSetBuilder builder =
        ServerSet.builder(projectRoot.resolve("benchmarks/target").resolve(folder))
            .mariaDb(nodes.toArray(String[]::new))
            .mariaDb("shard-0", "shard-1", "control", "legacy")
            .kafka()
            .quarkusService(INFLIGHT, runJar(projectRoot, INFLIGHT), inflightProperties)
            .quarkusService(POSTFLIGHT, runJar(projectRoot, POSTFLIGHT), postflightProperties)
            .quarkusService(AGGREGATOR, runJar(projectRoot, AGGREGATOR), aggregatorProperties)
            // Never the stack's default ports: a developer's stack may be running beside the
            // benchmark.
            .port(INFLIGHT, inflight)
            .port(POSTFLIGHT, postflight)
            .port(AGGREGATOR, Ports.free());
    if (flagFetch.isPresent()) {
      builder.unleash();
    }
    List<String> services = new ArrayList<>(List.of(INFLIGHT, POSTFLIGHT, AGGREGATOR));
    if (legacyPaths) {
      Map<String, String> properties = aggregator(inflight, postflight);
      properties.put("flightdeck.flags.default.read-path", "legacy");
      Map<String, String> legacyWrites = new LinkedHashMap<>(inflightProperties);
      legacyWrites.put("flightdeck.flags.default.write-path", "legacy");
      builder
          .quarkusService(LEGACY_AGGREGATOR, runJar(projectRoot, AGGREGATOR), properties)
          .port(LEGACY_AGGREGATOR, Ports.free())
          .quarkusService(LEGACY_INFLIGHT, runJar(projectRoot, INFLIGHT), legacyWrites)
          .port(LEGACY_INFLIGHT, Ports.free());
      services.add(LEGACY_AGGREGATOR);
      services.add(LEGACY_INFLIGHT);
    }
    return new PagingServers(builder.build(), List.copyOf(services), nodes);
  }

  /**
   * The aggregator's properties: where the stores' services are, and the stack's development
   * credentials.
   */
  private static Map<String, String> aggregator(int inflight, int postflight) {
    Map<String, String> properties = new LinkedHashMap<>(StackCredentials.aggregator());
    properties.put("flightdeck.inflight.url", "http://127.0.0.1:" + inflight);
    properties.put("flightdeck.postflight.url", "http://127.0.0.1:" + postflight);
    return properties;
  }

  private static Path runJar(Path root, String module) {
    return root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
  }

  /**
   * Stops what a previous run may have left, deletes its state, starts everything and waits until
   * every service is ready.
   */
  void startFresh() throws InterruptedException {
    servers.wipe();
    servers.start();
    for (String service : services) {
      BenchmarkServers.awaitReady(service, URI.create(url(service) + "/q/health/ready"));
    }
  }

  String url(String service) {
    return servers.quarkusService(service).url();
  }

  MariaDbEndpoint mariaDb(String store) {
    return servers.endpoints().mariaDb(store);
  }

  /** Unleash, in the migration's set. */
  UnleashEndpoint unleash() {
    return servers.endpoints().unleash();
  }

  String mariaDbVersion() {
    return servers.mariaDb(nodes.get(0)).sql("SELECT VERSION()").strip();
  }

  /**
   * The process ids of the services and of the MariaDB servers that serve reads, by the names the
   * report uses.
   */
  Map<String, Long> pids(String shard) {
    Map<String, Long> pids = new LinkedHashMap<>();
    BenchmarkServers.pid(servers.quarkusService(AGGREGATOR).status(), "aggregator", pids);
    BenchmarkServers.pid(servers.quarkusService(INFLIGHT).status(), "inflight", pids);
    BenchmarkServers.pid(servers.quarkusService(POSTFLIGHT).status(), "postflight", pids);
    nodes.forEach(
        node -> BenchmarkServers.pid(servers.mariaDb(node).status(), "mariadb-" + node, pids));
    BenchmarkServers.pid(servers.mariaDb(shard).status(), "mariadb-" + shard, pids);
    return pids;
  }

  /** The process ids of every service, by their names. */
  Map<String, Long> servicePids() {
    Map<String, Long> pids = new LinkedHashMap<>();
    services.forEach(
        service -> BenchmarkServers.pid(servers.quarkusService(service).status(), service, pids));
    return pids;
  }

  @Override
  public void close() {
    servers.stop();
  }
}
