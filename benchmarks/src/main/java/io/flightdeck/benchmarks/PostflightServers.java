package io.flightdeck.benchmarks;

import io.flightdeck.servers.MariaDbEndpoint;
import io.flightdeck.servers.Ports;
import io.flightdeck.servers.ServerSet;
import io.flightdeck.stack.StackCredentials;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link PostflightReads} runs against, started through the project's launcher: two MariaDB
 * shards and the control store, Kafka, and postflight-service from its fast-jar, on free loopback
 * ports. State in {@code benchmarks/target/servers/}, wiped at every start; {@link #close()} stops
 * everything and leaves the logs.
 */
final class PostflightServers implements AutoCloseable {

  static final String SERVICE = "postflight-service";
  static final List<String> SHARDS = List.of("shard-0", "shard-1");

  /** A server for a replica of shard-1, started only by the benchmarks that ask for it. */
  static final String REPLICA = "shard-1-replica";

  /** The schema the service migrates on each shard (its default). */
  static final String DATABASE = "postflight";

  private final ServerSet servers;

  private PostflightServers(ServerSet servers) {
    this.servers = servers;
  }

  static PostflightServers of(Path projectRoot) {
    return of(projectRoot, Map.of());
  }

  /** The same, the service configured with {@code settings} besides its credentials. */
  static PostflightServers of(Path projectRoot, Map<String, String> settings) {
    Map<String, String> service = new java.util.TreeMap<>(StackCredentials.postflight());
    service.putAll(settings);
    Path runJar = projectRoot.resolve(SERVICE).resolve("target/quarkus-app/quarkus-run.jar");
    return new PostflightServers(
        ServerSet.builder(projectRoot.resolve("benchmarks/target/servers"))
            .mariaDb("shard-0", "shard-1", "control", REPLICA)
            .kafka()
            .quarkusService(SERVICE, runJar, service)
            // Never the stack's default port: a developer's stack may be running beside the
            // benchmark.
            .port(SERVICE, Ports.free())
            .build());
  }

  /**
   * Stops what a previous run may have left, deletes its state, starts the shards, the control
   * store and Kafka.
   */
  void startStoresFresh() {
    servers.wipe();
    servers.start("mariadb-shard-0", "mariadb-shard-1", "mariadb-control", "kafka");
  }

  /** Starts the service and waits until it is ready (every shard migrated). */
  void startService() throws InterruptedException {
    servers.start(SERVICE);
    BenchmarkServers.awaitReady(SERVICE, URI.create(serviceUrl() + "/q/health/ready"));
  }

  /**
   * Starts the replica's server and makes it a read-only GTID replica of shard-1 (a clone of its
   * schema, then replication).
   */
  MariaDbEndpoint startReplica() {
    servers.start("mariadb-" + REPLICA);
    servers.mariaDb(REPLICA).replicateFrom(servers.mariaDb("shard-1"), DATABASE);
    return servers.endpoints().mariaDb(REPLICA);
  }

  URI serviceUrl() {
    return URI.create(servers.quarkusService(SERVICE).url());
  }

  MariaDbEndpoint shard(String shard) {
    return servers.endpoints().mariaDb(shard);
  }

  String kafkaBootstrapServers() {
    return servers.endpoints().kafkaBootstrapServers();
  }

  String mariaDbVersion() {
    return servers.mariaDb(SHARDS.get(0)).sql("SELECT VERSION()").strip();
  }

  /** The process ids of the service and the servers, by the names the report uses. */
  Map<String, Long> pids() {
    Map<String, Long> pids = new LinkedHashMap<>();
    BenchmarkServers.pid(servers.quarkusService(SERVICE).status(), "service", pids);
    for (String shard : SHARDS) {
      BenchmarkServers.pid(servers.mariaDb(shard).status(), shard, pids);
    }
    BenchmarkServers.pid(servers.kafka().status(), "kafka", pids);
    return pids;
  }

  @Override
  public void close() {
    servers.stop();
  }
}
