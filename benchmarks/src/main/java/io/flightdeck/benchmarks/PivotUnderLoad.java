package io.flightdeck.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flightdeck.postflight.routing.KeyspaceId;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.flightdeck.servers.MariaDbEndpoint;
import io.flightdeck.servers.ProjectRoot;
import io.flightdeck.stack.LocalStack;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Issue 13's benchmark: repeated pivots of a shard, back and forth between its primary and a
 * replica, through postflight-service's admin API while completed calls are ingested and an
 * account's list is read. The write block of each pivot (from {@code read_only} on the old primary
 * to the catalogue naming the new one), its p50, p99 and max; completion to visible and the list
 * p99 before and during; failed reads; records lost. See benchmarks/README.md.
 */
@Command(
    name = "pivot-under-load",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Starts two MariaDB shards, a replica of shard-1, the control store, Kafka and postflight-service; pivots"
            + " shard-1 to its replica and back, again and again, while events are ingested and an account is"
            + " listed; prints the write block of every pivot, latencies before and during, and the records lost.")
public final class PivotUnderLoad implements BenchmarkProgram {
  static final String SHARD = "shard-1";
  static final String REPLICA_NAME = "shard-1-b";

  @Option(
      names = "--pivots",
      defaultValue = "10",
      description = "Pivots, alternately to the replica and back (default: ${DEFAULT-VALUE}).")
  int pivots;

  @Option(
      names = "--accounts",
      defaultValue = "200",
      description = "Accounts of shard-1 the events go to (default: ${DEFAULT-VALUE}).")
  int accounts;

  @Option(
      names = "--events-per-second",
      defaultValue = "200",
      description = "Completed-call events published meanwhile (default: ${DEFAULT-VALUE}).")
  int eventsPerSecond;

  @Option(
      names = "--readers",
      defaultValue = "2",
      description = "Closed-loop readers of an account's first page (default: ${DEFAULT-VALUE}).")
  int readers;

  @Option(
      names = "--steady-seconds",
      defaultValue = "10",
      description = "Measured steady state before the pivots (default: ${DEFAULT-VALUE}).")
  int steadySeconds;

  @Option(
      names = "--pause-seconds",
      defaultValue = "3",
      description = "Time between two pivots (default: ${DEFAULT-VALUE}).")
  int pauseSeconds;

  private final List<Figure> figures = new ArrayList<>();
  private final Report report = new Report();
  private final ObjectMapper json = new ObjectMapper();

  public static void main(String[] args) {
    System.exit(InflightTransitions.execute(new PivotUnderLoad(), args));
  }

  @Override
  public List<String> smokeArgs() {
    return List.of(
        "--pivots=2",
        "--accounts=20",
        "--events-per-second=20",
        "--readers=1",
        "--steady-seconds=1",
        "--pause-seconds=0");
  }

  @Override
  public List<Figure> figures() {
    return List.copyOf(figures);
  }

  @Override
  public Integer call() throws Exception {
    if (pivots < 1
        || accounts < 1
        || eventsPerSecond < 1
        || readers < 1
        || steadySeconds < 1
        || pauseSeconds < 0) {
      throw new CommandLine.ParameterException(
          new CommandLine(this),
          "need --pivots, --accounts, --events-per-second, --readers, --steady-seconds >= 1");
    }
    PostflightServers servers = PostflightServers.of(ProjectRoot.locate());
    Thread stopper = new Thread(servers::close, "stop-benchmark-servers");
    Runtime.getRuntime().addShutdownHook(stopper);
    Vertx vertx = Vertx.vertx();
    try {
      System.out.printf(
          "Starting two MariaDB shards, a replica of shard-1, the control store, Kafka and postflight-service"
              + " (fresh state in benchmarks/target/servers/) …%n");
      servers.startStoresFresh();
      servers.startService();
      MariaDbEndpoint replica = servers.startReplica();
      report.line(
          "machine: %d processors, load average at start %s; MariaDB %s; %s",
          Runtime.getRuntime().availableProcessors(),
          Report.loadAverage(),
          servers.mariaDbVersion(),
          System.getProperty("java.vm.name") + " " + Runtime.version());
      ServiceClient admin =
          new ServiceClient(
              servers.serviceUrl().toString(), Optional.of("Bearer " + LocalStack.DEV_ADMIN_TOKEN));
      addReplica(admin, replica);
      List<String> owners = owners();
      Map<String, Long> published = pivots(servers, admin, owners);
      boolean onReplica = pivots % 2 == 1;
      Pool primary =
          InflightTransitions.pool(
              vertx, onReplica ? replica : servers.shard(SHARD), PostflightServers.DATABASE, 2);
      long lost = lost(published, primary);
      report.line("  records lost: %d", lost);
      figures.add(Figure.of("records lost by the pivots", lost, "records"));
      System.out.println();
      report.printAgain();
      return 0;
    } finally {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } finally {
        servers.close();
        Runtime.getRuntime().removeShutdownHook(stopper);
      }
    }
  }

  /** Accounts whose keyspace id puts them on shard-1 (the upper half of the keyspace). */
  private List<String> owners() {
    List<String> owners = new ArrayList<>();
    while (owners.size() < accounts) {
      String account = Sid.mint(SidKind.ACCOUNT).value();
      if (Long.compareUnsigned(KeyspaceId.of(account).value(), 0x8000000000000000L) >= 0) {
        owners.add(account);
      }
    }
    return owners;
  }

  /** Adds the replica to shard-1 in the topology (PUT /admin/v1/Topology). */
  private void addReplica(ServiceClient admin, MariaDbEndpoint replica) throws Exception {
    ObjectNode topology = (ObjectNode) admin.get("/admin/v1/Topology");
    for (JsonNode shard : topology.path("shards")) {
      if (shard.path("id").asText().equals(SHARD)) {
        ArrayNode replicas = ((ObjectNode) shard).putArray("replicas");
        replicas
            .addObject()
            .put("name", REPLICA_NAME)
            .put("host", replica.host())
            .put("port", replica.port())
            .put("user", replica.user())
            .put("password", replica.password())
            .put("database", PostflightServers.DATABASE)
            .put("role", "backup");
      }
    }
    admin.putJson("/admin/v1/Topology", json.writeValueAsString(topology), 200);
  }

  /** The pivots under load, measured; returns the events published meanwhile, by account. */
  private Map<String, Long> pivots(
      PostflightServers servers, ServiceClient admin, List<String> owners) throws Exception {
    try (SplitLoad load =
            SplitLoad.start(
                servers, eventsPerSecond, owners, owners.subList(0, owners.size() / 2));
        ListReaders list = ListReaders.service(readers, servers.serviceUrl(), owners.get(0))) {
      System.out.printf("steady state, %d s …%n", steadySeconds);
      Thread.sleep(steadySeconds * 1000L);
      long steadyStart = System.nanoTime();
      Thread.sleep(steadySeconds * 1000L);
      long pivotsStart = System.nanoTime();
      Histogram blocks = new Histogram(60_000, 3);
      report.line("");
      report.line(
          "PIVOTS of %s, %d, alternately to %s and back, while %d events/s were ingested and %d"
              + " readers listed an account",
          SHARD, pivots, REPLICA_NAME, eventsPerSecond, readers);
      report.line(
          "  %-3s %-10s %9s %9s   %s",
          "#",
          "to",
          "block ms",
          "whole ms",
          "ms in block-writes / wait-for-candidate / promote / update-catalogue");
      for (int i = 1; i <= pivots; i++) {
        String to = i % 2 == 1 ? REPLICA_NAME : SHARD;
        long begin = System.nanoTime();
        JsonNode started =
            admin.postJson(
                "/admin/v1/Shards/" + SHARD + "/Pivots", "{\"to\": \"" + to + "\"}", 202);
        JsonNode status = awaitFinished(admin, started.path("id").asText());
        long whole = (System.nanoTime() - begin) / 1_000_000;
        if (!status.path("status").asText().equals("completed")) {
          throw new IllegalStateException("pivot " + i + " did not complete: " + status);
        }
        long block =
            Duration.between(
                    stepTime(status, "block-writes", "started_at"),
                    stepTime(status, "update-catalogue", "ended_at"))
                .toMillis();
        blocks.recordValue(block);
        report.line(
            "  %-3d %-10s %9d %9d   %d / %d / %d / %d",
            i,
            to,
            block,
            whole,
            stepMillis(status, "block-writes"),
            stepMillis(status, "wait-for-candidate"),
            stepMillis(status, "promote"),
            stepMillis(status, "update-catalogue"));
        Thread.sleep(pauseSeconds * 1000L);
      }
      long pivotsEnd = System.nanoTime();
      load.stop();
      report.line(
          "  write block over %d pivots: p50 %d ms, p99 %d ms, max %d ms (goal p99 <= 1 s: %s);"
              + " every instance follows within one poll interval more",
          pivots,
          blocks.getValueAtPercentile(50),
          blocks.getValueAtPercentile(99),
          blocks.getMaxValue(),
          blocks.getValueAtPercentile(99) <= 1_000 ? "met" : "NOT met");
      figures.add(Figure.of("pivot write block p50", blocks.getValueAtPercentile(50), "ms"));
      figures.add(Figure.of("pivot write block p99", blocks.getValueAtPercentile(99), "ms"));
      figures.add(Figure.of("pivot write block max", blocks.getMaxValue(), "ms"));

      Histogram visibleBefore = load.visible(steadyStart, pivotsStart);
      Histogram visibleDuring = load.visible(pivotsStart, pivotsEnd);
      Histogram listBefore = list.overlapping(steadyStart, pivotsStart);
      Histogram listDuring = list.overlapping(pivotsStart, pivotsEnd);
      report.line("");
      report.line("  %-40s %9s %9s %9s %8s", "", "p50 ms", "p99 ms", "max ms", "samples");
      row("completion to visible, before", visibleBefore);
      row("completion to visible, during the pivots", visibleDuring);
      row("list page 1, before", listBefore);
      row("list page 1, during the pivots", listDuring);
      report.line("  failed reads %d", list.failures());
      figures.add(Figure.of("failed reads during the pivots", list.failures(), "reads"));
      figures.add(
          Figure.beside(
              "completion to visible p99 during the pivots",
              visibleDuring.getValueAtPercentile(99) / 1000.0,
              "ms",
              "before them",
              visibleBefore.getValueAtPercentile(99) / 1000.0));
      return load.published();
    }
  }

  private static JsonNode awaitFinished(ServiceClient admin, String id) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode status = admin.get("/admin/v1/Shards/" + SHARD + "/Pivots/" + id);
      if (List.of("completed", "failed", "cancelled").contains(status.path("status").asText())) {
        return status;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("pivot " + id + " did not finish within 5 minutes");
  }

  /** Calls published that the final primary lacks, once ingest has settled (2 minutes at most). */
  private static long lost(Map<String, Long> published, Pool primary) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    long missing;
    do {
      Map<String, Long> stored = SplitCounts.perAccount(primary);
      missing = 0;
      for (Map.Entry<String, Long> account : published.entrySet()) {
        missing += Math.max(0, account.getValue() - stored.getOrDefault(account.getKey(), 0L));
      }
      if (missing > 0) {
        Thread.sleep(1000);
      }
    } while (missing > 0 && System.nanoTime() < deadline);
    return missing;
  }

  private static Instant stepTime(JsonNode status, String step, String field) {
    for (JsonNode s : status.path("steps")) {
      if (s.path("name").asText().equals(step)) {
        return Instant.parse(s.path(field).asText());
      }
    }
    throw new IllegalStateException("no step " + step + " in " + status);
  }

  private static long stepMillis(JsonNode status, String step) {
    return Duration.between(
            stepTime(status, step, "started_at"), stepTime(status, step, "ended_at"))
        .toMillis();
  }

  private void row(String name, Histogram h) {
    report.line(
        "  %-40s %9.2f %9.2f %9.2f %8d",
        name,
        h.getValueAtPercentile(50) / 1000.0,
        h.getValueAtPercentile(99) / 1000.0,
        h.getMaxValue() / 1000.0,
        h.getTotalCount());
  }
}
