package io.flightdeck.stack;

import io.flightdeck.auth.DevelopmentCredentials;
import io.flightdeck.servers.Endpoints;
import io.flightdeck.servers.ServerSet;
import io.flightdeck.servers.ServerSetBuilder;
import io.flightdeck.servers.ServerStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Flightdeck on one machine: one MariaDB server per store (the in-flight store's {@link
 * InflightNodes nodes} each one of their own), Kafka, PostgreSQL with Unleash, and the three
 * services (with the development credentials of {@link StackCredentials}), each a detached process
 * with its data, log and pid file in {@code <project root>/.flightdeck/}. Any JVM can bring the
 * stack up, find it, or take it down.
 *
 * <p>{@link #up()} is idempotent (what runs is reused) and all-or-nothing (on failure it stops what
 * it started and throws, naming the failed part and its log). The services start together once
 * every server is ready. {@link #down()} stops the services before the servers and leaves no
 * process behind.
 */
public final class LocalStack {

  public static final String AGGREGATOR = "aggregator";
  public static final String INFLIGHT = "inflight-service";
  public static final String POSTFLIGHT = "postflight-service";

  /**
   * One MariaDB server per store of DESIGN.md's "Stores", but the in-flight store's, which are its
   * nodes ({@link InflightNodes#stores}, as many as {@link InflightNodeCount} says).
   */
  public static final List<String> MARIADB_STORES =
      List.of("shard-0", "shard-1", "legacy", "control");

  /**
   * The operators' token for every {@code /admin/} API on this machine's stack: a fixed, public
   * development value, never one for production ({@link StackCredentials} gives each service its
   * hash).
   */
  public static final String DEV_ADMIN_TOKEN = DevelopmentCredentials.OPERATOR_TOKEN;

  /** The producers' token for inflight-service's internal API on this machine's stack. */
  public static final String DEV_PRODUCER_TOKEN = DevelopmentCredentials.PRODUCER_TOKEN;

  /**
   * The token services present to read inflight-service and postflight-service on this machine's
   * stack.
   */
  public static final String DEV_SERVICE_TOKEN = DevelopmentCredentials.SERVICE_TOKEN;

  private final Path projectRoot;
  private final ServerSet servers;
  private final int inflightNodes;

  private LocalStack(Path projectRoot, ServerSet servers, int inflightNodes) {
    this.projectRoot = projectRoot;
    this.servers = servers;
    this.inflightNodes = inflightNodes;
  }

  /**
   * The stack of the project at {@code projectRoot}, on {@code ports}; nothing starts here.
   *
   * @throws IllegalArgumentException when a port is out of range or fixed for a server the stack
   *     lacks
   */
  public static LocalStack of(Path projectRoot, StackPorts ports) {
    Path root = projectRoot.toAbsolutePath().normalize();
    return of(root, root.resolve(".flightdeck"), ports);
  }

  /**
   * The same with {@code inflightNodes} in-flight nodes ({@code up --inflight-nodes}).
   *
   * @throws IllegalArgumentException also when the count is out of range or below the one the stack
   *     has run with ({@link InflightNodeCount#check})
   */
  static LocalStack of(Path projectRoot, StackPorts ports, int inflightNodes) {
    Path root = projectRoot.toAbsolutePath().normalize();
    return of(
        root, root.resolve(".flightdeck"), ports, Map.of(), Map.of(), Map.of(), inflightNodes);
  }

  /**
   * The stack of the project at {@code projectRoot} with its state in {@code stateFolder} (the
   * end-to-end tests keep theirs under {@code target/}, apart from a developer's running stack).
   */
  public static LocalStack of(Path projectRoot, Path stateFolder, StackPorts ports) {
    return of(projectRoot, stateFolder, ports, Map.of());
  }

  /**
   * The same, the aggregator configured with {@code aggregatorSettings} besides (a benchmark's
   * shadow sample rate, for one).
   */
  public static LocalStack of(
      Path projectRoot,
      Path stateFolder,
      StackPorts ports,
      Map<String, String> aggregatorSettings) {
    return of(projectRoot, stateFolder, ports, aggregatorSettings, Map.of());
  }

  /**
   * The same, postflight-service configured with {@code postflightSettings} besides (a test's
   * rolling migration, for one).
   */
  public static LocalStack of(
      Path projectRoot,
      Path stateFolder,
      StackPorts ports,
      Map<String, String> aggregatorSettings,
      Map<String, String> postflightSettings) {
    return of(
        projectRoot,
        stateFolder,
        ports,
        Map.of(),
        aggregatorSettings,
        postflightSettings,
        InflightNodeCount.in(stateFolder).count());
  }

  /**
   * The same with {@code nodes} in-flight nodes instead of the count the stack remembers (a
   * benchmark's choice, for one), inflight-service configured with {@code inflightSettings} besides
   * (a test's flag fetch interval, for one).
   *
   * @throws IllegalArgumentException also when the count is out of range or below the one the stack
   *     has run with ({@link InflightNodeCount#check})
   */
  public static LocalStack of(
      Path projectRoot,
      Path stateFolder,
      StackPorts ports,
      Map<String, String> inflightSettings,
      Map<String, String> aggregatorSettings,
      Map<String, String> postflightSettings,
      int nodes) {
    InflightNodeCount.in(stateFolder).check(nodes);
    Path root = projectRoot.toAbsolutePath().normalize();
    ServerSetBuilder builder =
        ServerSet.builder(stateFolder)
            .mariaDb(InflightNodes.stores(nodes).toArray(String[]::new))
            .mariaDb(MARIADB_STORES.toArray(String[]::new))
            // Shards and replicas added by 'shard add' and 'replica add' are part of the stack.
            .mariaDb(AddedServers.in(stateFolder).names().toArray(String[]::new))
            .kafka()
            .unleash()
            // Every node, and the control store that holds the slot map.
            .quarkusService(
                INFLIGHT,
                runJar(root, INFLIGHT),
                with(InflightNodes.serviceProperties(nodes), inflightSettings))
            // Retirements ask inflight-service which months still hold records in flight.
            .quarkusService(
                POSTFLIGHT,
                runJar(root, POSTFLIGHT),
                with(
                    StackCredentials.postflight(),
                    with(
                        Map.of("flightdeck.postflight.inflight.url", localUrl(ports.inflight())),
                        postflightSettings)))
            // The aggregator reads both stores through their services; its accounts live on the
            // control MariaDB, whose endpoint it receives with every other server's.
            .quarkusService(
                AGGREGATOR,
                runJar(root, AGGREGATOR),
                with(
                    StackCredentials.aggregator(),
                    with(
                        Map.of(
                            "flightdeck.inflight.url",
                            localUrl(ports.inflight()),
                            "flightdeck.postflight.url",
                            localUrl(ports.postflight()),
                            // Every shadowed read is compared here, so a developer who flips a
                            // shadow variant sees its mismatches at the first request;
                            // deployments keep the service's defaults (a tenth, 20 a second).
                            "flightdeck.shadow.sample-rate",
                            "1.0",
                            "flightdeck.shadow.max-per-second",
                            "100000"),
                        aggregatorSettings)));
    ports.applyTo(builder);
    return new LocalStack(root, builder.build(), nodes);
  }

  private static Map<String, String> with(
      Map<String, String> credentials, Map<String, String> properties) {
    Map<String, String> all = new TreeMap<>(credentials);
    all.putAll(properties);
    return all;
  }

  private static Path runJar(Path root, String module) {
    return root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
  }

  private static String localUrl(int port) {
    return "http://127.0.0.1:" + port;
  }

  /**
   * Starts whatever does not run yet, waits until every part is ready, then seeds the legacy
   * combined store's sample accounts (idempotently).
   *
   * @return where the servers listen
   * @throws io.flightdeck.servers.ServerStartException naming what failed and its log; what this
   *     call started has been stopped again
   */
  public Endpoints up() {
    // Before the start: a node that started once may hold records, so the count stays.
    InflightNodeCount.in(stateFolder()).remember(inflightNodes);
    Endpoints endpoints = servers.start();
    new LegacySeed(servers)
        .seed(); // after the aggregator, whose migration creates the legacy table
    return endpoints;
  }

  /**
   * Stops the services, then the servers (and the single in-flight server of earlier versions, if
   * one is left); waits until every process is gone.
   */
  public void down() {
    servers.stop();
    InflightNodeCount.in(stateFolder()).retiredSingleStore().ifPresent(ServerSet::stop);
  }

  /**
   * {@link #down()}, then deletes every part's data, logs and remembered ports, and forgets the
   * shards and replicas added to the stack (the catalogue that named them is gone with the control
   * store's data; kept, they would come back as empty servers) and the count of in-flight nodes;
   * deletes the single in-flight server of earlier versions too; keeps the binary cache.
   */
  public void wipe() {
    servers.wipe();
    AddedServers.in(stateFolder()).forget();
    InflightNodeCount count = InflightNodeCount.in(stateFolder());
    count.retiredSingleStore().ifPresent(ServerSet::wipe);
    count.forget();
  }

  /** How many in-flight nodes the stack runs: {@code mariadb-inflight-0} and on. */
  public int inflightNodes() {
    return inflightNodes;
  }

  /** One entry per server and service, servers first. */
  public List<ServerStatus> status() {
    return servers.status();
  }

  /** True when every server and service runs. */
  public boolean running() {
    return status().stream().allMatch(ServerStatus::running);
  }

  /**
   * The base URL of a service ({@link #AGGREGATOR}, {@link #INFLIGHT}, {@link #POSTFLIGHT}) once
   * started.
   */
  public String url(String service) {
    return servers.quarkusService(service).url();
  }

  /** The launcher's set behind the stack, for tests that stop or kill single parts. */
  public ServerSet servers() {
    return servers;
  }

  public Path projectRoot() {
    return projectRoot;
  }

  /** {@code <project root>/.flightdeck/}. */
  public Path stateFolder() {
    return servers.stateFolder().root();
  }
}
