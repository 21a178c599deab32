package io.flightdeck.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flightdeck.event.CompletedRecordEvents;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.flightdeck.servers.MariaDbEndpoint;
import io.flightdeck.servers.Ports;
import io.flightdeck.servers.ProjectRoot;
import io.flightdeck.servers.ServerSet;
import io.flightdeck.stack.LocalStack;
import io.flightdeck.stack.StackCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Issue 13's read benchmark: the internal read API's throughput on one shard's accounts with the
 * shard's primary alone, then with one replica serving its reads, in one run (the same service,
 * data and clients). See benchmarks/README.md.
 */
@Command(
    name = "replica-reads",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Starts two MariaDB shards, a replica of shard-1, the control store, Kafka and postflight-service;"
            + " measures list reads on shard-1 from its primary alone, then with the replica serving reads.")
public final class ReplicaReads implements BenchmarkProgram {
  private static final String SERVICE = "postflight-service";
  private static final String REPLICA = "replica-1";
  private static final String DATABASE = "postflight";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--accounts", defaultValue = "20", description = "Accounts on shard-1.")
  int accounts;

  @Option(names = "--calls", defaultValue = "200", description = "Calls stored per account.")
  int calls;

  @Option(names = "--clients", defaultValue = "8", description = "Concurrent readers.")
  int clients;

  @Option(names = "--warm-up", defaultValue = "5", description = "Untimed seconds per phase.")
  int warmUp;

  @Option(names = "--seconds", defaultValue = "20", description = "Timed seconds per phase.")
  int seconds;

  private final List<Figure> figures = new ArrayList<>();
  private final Report report = new Report();
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  public static void main(String[] args) {
    System.exit(InflightTransitions.execute(new ReplicaReads(), args));
  }

  @Override
  public List<String> smokeArgs() {
    return List.of("--accounts=4", "--calls=20", "--clients=2", "--warm-up=1", "--seconds=1");
  }

  @Override
  public List<Figure> figures() {
    return List.copyOf(figures);
  }

  @Override
  public Integer call() throws Exception {
    Path root = ProjectRoot.locate();
    ServerSet servers =
        ServerSet.builder(root.resolve("benchmarks/target/servers"))
            .mariaDb("shard-0", "shard-1", "control", REPLICA)
            .kafka()
            .quarkusService(
                SERVICE,
                root.resolve(SERVICE).resolve("target/quarkus-app/quarkus-run.jar"),
                StackCredentials.postflight())
            .port(SERVICE, Ports.free())
            .build();
    Thread stopper = new Thread(servers::stop, "stop-benchmark-servers");
    Runtime.getRuntime().addShutdownHook(stopper);
    try {
      System.out.printf("Starting shards, a replica, the control store, Kafka (fresh state) …%n");
      servers.wipe();
      servers.start("mariadb-shard-0", "mariadb-shard-1", "mariadb-control", "mariadb-" + REPLICA);
      servers.start("kafka");
      servers.start(SERVICE);
      String url = servers.quarkusService(SERVICE).url();
      BenchmarkServers.awaitReady(SERVICE, URI.create(url + "/q/health/ready"));
      report.line(
          "machine: %d processors, load average at start %s",
          Runtime.getRuntime().availableProcessors(), Report.loadAverage());
      ServiceClient operator =
          new ServiceClient(url, Optional.of("Bearer " + LocalStack.DEV_ADMIN_TOKEN));
      List<String> onShard1 = new ArrayList<>();
      while (onShard1.size() < accounts) {
        String account = Sid.mint(SidKind.ACCOUNT).value();
        if ("shard-1"
            .equals(
                operator
                    .get("/admin/v1/Accounts/" + account + "/Route")
                    .path("read")
                    .path("shard")
                    .asText())) {
          onShard1.add(account);
        }
      }
      publish(servers.endpoints().kafkaBootstrapServers(), onShard1);
      awaitStored(servers, onShard1.size() * (long) calls);
      servers.mariaDb(REPLICA).replicateFrom(servers.mariaDb("shard-1"), DATABASE);

      Phase primary = measure(url, onShard1, "primary only");
      addReplica(operator, url, servers.endpoints().mariaDb(REPLICA));
      Phase replica = measure(url, onShard1, "one replica serving");
      // Primary alone once more: the service warmed up during the first two phases, so this
      // one shows how much of the difference is the replica's and how much the warm-up's.
      removeReplica(operator, url);
      Phase again = measure(url, onShard1, "primary only again");
      report.line("");
      report.line(
          "REPLICA READS  %d accounts on shard-1 × %d calls; %d clients, each GET …/Calls?PageSize=50 of a random account",
          accounts, calls, clients);
      for (Phase p : List.of(primary, replica, again)) {
        report.line(
            "  %-20s %8.0f reads/s  p50 %6.2f ms  p99 %6.2f ms  failed %d  served by replica %.0f%%",
            p.name, p.perSecond, p.p50Ms, p.p99Ms, p.failed, 100 * p.replicaShare);
      }
      report.line("  load average at the end %s", Report.loadAverage());
      System.out.println();
      report.printAgain();
      figures.add(
          Figure.beside(
              "internal reads/s on one shard, one replica serving",
              replica.perSecond,
              "reads/s",
              "primary only (the mean of before and after)",
              (primary.perSecond + again.perSecond) / 2));
      return primary.failed + replica.failed + again.failed == 0 ? 0 : 1;
    } finally {
      servers.stop();
      Runtime.getRuntime().removeShutdownHook(stopper);
    }
  }

  private record Phase(
      String name,
      double perSecond,
      double p50Ms,
      double p99Ms,
      long failed,
      double replicaShare) {}

  private Phase measure(String url, List<String> accountSids, String name) throws Exception {
    System.out.printf("reads: %s, %d s warm-up, %d s measured …%n", name, warmUp, seconds);
    double replicaBefore = counter(url, "shard-1-replica");
    double primaryBefore = counter(url, "primary");
    Recorder latency = new Recorder(3);
    AtomicLong failed = new AtomicLong();
    AtomicLong done = new AtomicLong();
    long warmEnd = System.nanoTime() + Duration.ofSeconds(warmUp).toNanos();
    long end = warmEnd + Duration.ofSeconds(seconds).toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      threads.add(
          started(
              () -> {
                while (System.nanoTime() < end) {
                  String account =
                      accountSids.get(ThreadLocalRandom.current().nextInt(accountSids.size()));
                  long start = System.nanoTime();
                  boolean ok = read(url, "/internal/v1/Accounts/" + account + "/Calls?PageSize=50");
                  long took = System.nanoTime() - start;
                  if (start >= warmEnd) {
                    done.incrementAndGet();
                    latency.recordValue(Math.max(1, took / 1000));
                    if (!ok) {
                      failed.incrementAndGet();
                    }
                  }
                }
              }));
    }
    for (Thread t : threads) {
      t.join();
    }
    var histogram = latency.getIntervalHistogram();
    double fromReplica = counter(url, "shard-1-replica") - replicaBefore;
    double fromPrimary = counter(url, "primary") - primaryBefore;
    return new Phase(
        name,
        done.get() / (double) seconds,
        histogram.getValueAtPercentile(50) / 1000.0,
        histogram.getValueAtPercentile(99) / 1000.0,
        failed.get(),
        fromReplica + fromPrimary == 0 ? 0 : fromReplica / (fromReplica + fromPrimary));
  }

  private static Thread started(Runnable work) {
    Thread thread = new Thread(work, "replica-reads-client");
    thread.start();
    return thread;
  }

  private boolean read(String url, String path) {
    try {
      HttpResponse<byte[]> answer =
          http.send(
              HttpRequest.newBuilder(URI.create(url + path))
                  .header("Authorization", "Bearer " + LocalStack.DEV_SERVICE_TOKEN)
                  .timeout(Duration.ofSeconds(30))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      return answer.statusCode() == 200;
    } catch (Exception e) {
      return false;
    }
  }

  /** {@code postflight_reads_total} of shard-1 for a target, from the service's scrape. */
  private double counter(String url, String target) throws Exception {
    String scrape =
        http.send(
                HttpRequest.newBuilder(URI.create(url + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    return scrape
        .lines()
        .filter(l -> l.startsWith("postflight_reads_total{"))
        .filter(l -> l.contains("shard=\"shard-1\"") && l.contains("target=\"" + target + "\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  private void publish(String kafka, List<String> accountSids) throws Exception {
    System.out.printf("storing %d calls through Kafka …%n", accountSids.size() * calls);
    Instant created = Instant.parse("2026-10-01T00:00:00Z");
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka, ProducerConfig.LINGER_MS_CONFIG, 5),
            new StringSerializer(),
            new ByteArraySerializer())) {
      int i = 0;
      for (String account : accountSids) {
        for (int c = 0; c < calls; c++, i++) {
          CallRecord call =
              PostflightIngest.completedCall(
                  account, Sid.mint(SidKind.CALL).value(), created.plusMillis(i), i);
          ProducerRecord<String, byte[]> event =
              new ProducerRecord<>(
                  "records.completed", account, CompletedRecordEvents.completed(call));
          event
              .headers()
              .add(
                  "content-type",
                  CompletedRecordEvents.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
          producer.send(event);
        }
      }
      producer.flush();
    }
  }

  private static void awaitStored(ServerSet servers, long expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    while (System.nanoTime() < deadline) {
      String count =
          servers.mariaDb("shard-1").sql("SELECT COUNT(*) FROM " + DATABASE + ".calls").strip();
      if (Long.parseLong(count) >= expected) {
        return;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("the calls were not all stored on shard-1 within 10 min");
  }

  /** Takes shard-1's replica out of the topology; every instance reads its primary a poll later. */
  private void removeReplica(ServiceClient operator, String url) throws Exception {
    ObjectNode topology = (ObjectNode) operator.get("/admin/v1/Topology");
    topology.remove("catalogue_version");
    for (var shard : topology.path("shards")) {
      if ("shard-1".equals(shard.path("id").asText())) {
        ((ObjectNode) shard).putArray("replicas");
      }
    }
    put(url, topology);
    Thread.sleep(1000);
  }

  private void put(String url, ObjectNode topology) throws Exception {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create(url + "/admin/v1/Topology"))
                .header("Authorization", "Bearer " + LocalStack.DEV_ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(topology)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException("PUT /admin/v1/Topology answered " + answer.body());
    }
  }

  /** Adds the replica to shard-1 through the topology and waits until it serves reads. */
  private void addReplica(ServiceClient operator, String url, MariaDbEndpoint replica)
      throws Exception {
    ObjectNode topology = (ObjectNode) operator.get("/admin/v1/Topology");
    topology.remove("catalogue_version");
    for (var shard : topology.path("shards")) {
      if ("shard-1".equals(shard.path("id").asText())) {
        ObjectNode server = JSON.createObjectNode();
        server.put("name", "shard-1-replica");
        server.put("host", replica.host());
        server.put("port", replica.port());
        server.put("user", replica.user());
        server.put("password", replica.password());
        server.put("database", DATABASE);
        server.put("role", "reads");
        ArrayNode replicas = ((ObjectNode) shard).putArray("replicas");
        replicas.add(server);
      }
    }
    put(url, topology);
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline) {
      for (var shard : operator.get("/admin/v1/Topology").path("shards")) {
        if ("shard-1".equals(shard.path("id").asText())
            && shard.path("replicas").path(0).path("state").path("serving_reads").asBoolean()) {
          return;
        }
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("the replica did not serve reads within 2 min");
  }
}
