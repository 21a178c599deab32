package io.flightdeck.benchmarks;

import io.flightdeck.servers.MariaDbEndpoint;
import io.flightdeck.servers.Ports;
import io.flightdeck.servers.ServerSet;
import io.flightdeck.servers.ServerStatus;
import io.flightdeck.stack.InflightNodes;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the benchmark runs against, started through the project's launcher as the local stack starts
 * them ({@link InflightNodes}): the in-flight store's MariaDB nodes (node 0's server also holds the
 * direct phases' databases), the control MariaDB (inflight-service's slot map), Kafka for the
 * outbox relay, and inflight-service from its fast-jar, on free loopback ports. The state lives in
 * {@code benchmarks/target/servers/} and is wiped at every start, so each run begins with empty
 * stores; logs stay there after {@link #close()}, which stops everything.
 */
final class BenchmarkServers implements AutoCloseable {

  static final String SERVICE = "inflight-service";

  /** inflight-service's database on every node. */
  static final String DATABASE = "inflight";

  private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

  private final ServerSet servers;
  private final List<String> nodes;

  private BenchmarkServers(ServerSet servers, List<String> nodes) {
    this.servers = servers;
    this.nodes = nodes;
  }

  /**
   * The set for the project at {@code projectRoot} with {@code inflightNodes} nodes; nothing starts
   * here.
   */
  static BenchmarkServers of(Path projectRoot, int inflightNodes) {
    Path runJar = projectRoot.resolve(SERVICE).resolve("target/quarkus-app/quarkus-run.jar");
    List<String> nodes = InflightNodes.stores(inflightNodes);
    return new BenchmarkServers(
        ServerSet.builder(projectRoot.resolve("benchmarks/target/servers"))
            .mariaDb(nodes.toArray(String[]::new))
            .mariaDb(InflightNodes.CONTROL_STORE)
            .kafka()
            .quarkusService(SERVICE, runJar, InflightNodes.serviceProperties(inflightNodes))
            // Never the stack's default port: a developer's stack may be running beside the
            // benchmark.
            .port(SERVICE, Ports.free())
            .build(),
        nodes);
  }

  /**
   * Stops what a previous run may have left, deletes its state, starts everything and waits until
   * the service is ready (its schema migrated).
   */
  void startFresh() throws InterruptedException {
    servers.wipe();
    servers.start();
    awaitReady(SERVICE, URI.create(serviceUrl() + "/q/health/ready"));
  }

  /**
   * Waits until the service's readiness check answers 200; its log is in
   * benchmarks/target/servers/{service}/.
   */
  static void awaitReady(String service, URI health) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    int status = 0;
    while (System.nanoTime() < deadline) {
      try {
        status =
            http.send(
                    HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode();
        if (status == 200) {
          return;
        }
      } catch (IOException e) {
        status = -1;
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(
        service
            + " not ready after "
            + READY_TIMEOUT.toSeconds()
            + " s (last answer "
            + status
            + " from "
            + health
            + "); see its log in benchmarks/target/servers/"
            + service
            + "/server.log");
  }

  URI serviceUrl() {
    return URI.create(servers.quarkusService(SERVICE).url());
  }

  /** Node 0's server, which also holds the direct phases' databases. */
  MariaDbEndpoint mariaDb() {
    return servers.endpoints().mariaDb(nodes.get(0));
  }

  /** Every node's server, node 0 first. */
  List<MariaDbEndpoint> nodes() {
    return nodes.stream().map(servers.endpoints()::mariaDb).toList();
  }

  String mariaDbVersion() {
    return servers.mariaDb(nodes.get(0)).sql("SELECT VERSION()").strip();
  }

  /**
   * The process ids of the service and the servers, by the names the report uses: {@code mariadb}
   * for a single node, {@code mariadb-inflight-<i>} for each of several.
   */
  Map<String, Long> pids() {
    Map<String, Long> pids = new LinkedHashMap<>();
    pid(servers.quarkusService(SERVICE).status(), "service", pids);
    for (String node : nodes) {
      pid(servers.mariaDb(node).status(), nodes.size() == 1 ? "mariadb" : "mariadb-" + node, pids);
    }
    pid(servers.kafka().status(), "kafka", pids);
    return pids;
  }

  /** Adds the process id of a running part under {@code name}. */
  static void pid(ServerStatus status, String name, Map<String, Long> pids) {
    status.pid().ifPresent(pid -> pids.put(name, pid));
  }

  /** Stops the service, then the servers; waits until every process is gone. */
  @Override
  public void close() {
    servers.stop();
  }
}
