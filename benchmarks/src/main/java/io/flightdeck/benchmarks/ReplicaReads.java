package io.flightdeck.benchmarks;

import io.flightdeck.record.CallRecord;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.flightdeck.servers.Ports;
import io.flightdeck.servers.ProjectRoot;
import io.flightdeck.servers.ServerSet;
import io.flightdeck.stack.StackCredentials;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
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
public final class ReplicaReads extends BenchmarkCommand {
  private static final String SERVICE = "postflight-service";
  private static final String REPLICA = "replica-1";
  private static final String DATABASE = "postflight";

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

  private final Report report = new Report();

  public static void main(String[] args) {
    System.exit(BenchmarkProgram.execute(new ReplicaReads(), args));
  }

  @Override
  public List<String> smokeArgs() {
    return List.of("--accounts=4", "--calls=20", "--clients=2", "--warm-up=1", "--seconds=1");
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
    try (RunningServers<ServerSet> running = RunningServers.of(servers, servers::stop)) {
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
      ServiceClient operator = ServiceClient.operator(url);
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

      ReadPhases phases = new ReadPhases(url, clients, warmUp, seconds);
      ReadPhases.Phase primary = phases.measure(onShard1, "primary only");
      TopologyReplicas.set(
          operator,
          "shard-1",
          "shard-1-replica",
          servers.endpoints().mariaDb(REPLICA),
          DATABASE,
          "reads");
      TopologyReplicas.awaitServingReads(operator, "shard-1", Duration.ofMinutes(2));
      ReadPhases.Phase replica = phases.measure(onShard1, "one replica serving");
      // Primary alone once more: the service warmed up during the first two phases, so this
      // one shows how much of the difference is the replica's and how much the warm-up's.
      TopologyReplicas.clear(operator, "shard-1");
      Thread.sleep(1000);
      ReadPhases.Phase again = phases.measure(onShard1, "primary only again");
      report.line("");
      report.line(
          "REPLICA READS  %d accounts on shard-1 × %d calls; %d clients, each GET …/Calls?PageSize=50 of a random account",
          accounts, calls, clients);
      for (ReadPhases.Phase p : List.of(primary, replica, again)) {
        report.line(
            "  %-20s %8.0f reads/s  p50 %6.2f ms  p99 %6.2f ms  failed %d  served by replica %.0f%%",
            p.name(), p.perSecond(), p.p50Ms(), p.p99Ms(), p.failed(), 100 * p.replicaShare());
      }
      report.line("  load average at the end %s", Report.loadAverage());
      System.out.println();
      report.printAgain();
      figures.add(
          Figure.beside(
              "internal reads/s on one shard, one replica serving",
              replica.perSecond(),
              "reads/s",
              "primary only (the mean of before and after)",
              (primary.perSecond() + again.perSecond()) / 2));
      return primary.failed() + replica.failed() + again.failed() == 0 ? 0 : 1;
    }
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
          producer.send(PostflightIngest.event(call));
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
}
