package io.flightdeck.benchmarks;

import io.flightdeck.servers.MariaDbEndpoint;
import io.flightdeck.servers.Ports;
import io.flightdeck.servers.ServerSet;
import io.flightdeck.servers.ServerStatus;
import io.flightdeck.stack.StackCredentials;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the benchmark runs against, started through the project's launcher: one MariaDB server (the
 * in-flight store, whose server also holds the direct phases' databases), Kafka for the outbox
 * relay, and inflight-service from its fast-jar, on free loopback ports. The state lives in {@code
 * benchmarks/target/servers/} and is wiped at every start, so each run begins with empty stores;
 * logs stay there after {@link #close()}, which stops everything.
 */
final class BenchmarkServers implements AutoCloseable {

  static final String SERVICE = "inflight-service";
  static final String STORE = "inflight";
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

  private final ServerSet servers;

  private BenchmarkServers(ServerSet servers) {
    this.servers = servers;
  }

  /** The set for the project at {@code projectRoot}; nothing starts here. */
  static BenchmarkServers of(Path projectRoot) {
    Path runJar = projectRoot.resolve(SERVICE).resolve("target/quarkus-app/quarkus-run.jar");
    return new BenchmarkServers(
        ServerSet.builder(projectRoot.resolve("benchmarks/target/servers"))
            .mariaDb(STORE)
            .kafka()
            .quarkusService(SERVICE, runJar, StackCredentials.inflight())
            // Never the stack's default port: a developer's stack may be running beside the
            // benchmark.
            .port(SERVICE, Ports.free())
            .build());
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

  MariaDbEndpoint mariaDb() {
    return servers.endpoints().mariaDb(STORE);
  }

  String mariaDbVersion() {
    return servers.mariaDb(STORE).sql("SELECT VERSION()").strip();
  }

  /** The process ids of the service and the servers, by the names the report uses. */
  Map<String, Long> pids() {
    Map<String, Long> pids = new LinkedHashMap<>();
    pid(servers.quarkusService(SERVICE).status(), "service", pids);
    pid(servers.mariaDb(STORE).status(), "mariadb", pids);
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
