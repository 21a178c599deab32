package io.flightdeck.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.flightdeck.servers.MariaDbEndpoint;
import io.flightdeck.servers.ProjectRoot;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Issue 13's benchmark: repeated pivots of a shard, back and forth between its primary and a
 * replica, through postflight-service's admin API while completed calls are ingested and an
 * account's list is read. The write block of each pivot (from {@code read_only} on the old primary
 * to the catalogue naming the new one), its p50, p99 and max; completion to visible and the list
 * p99 before and during; failed reads; then one schema change rolled over every shard ({@link
 * SchemaRoll}); records lost. See benchmarks/README.md.
 */
@Command(
    name = "pivot-under-load",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Starts two MariaDB shards, a replica of shard-1, the control store, Kafka and postflight-service; pivots"
            + " shard-1 to its replica and back, again and again, while events are ingested and an account is"
            + " listed; then rolls one schema change over every shard; prints the write block of every pivot,"
            + " latencies before and during, the schema change's times and the records lost.")
public final class PivotUnderLoad extends BenchmarkCommand {
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

  private final Report report = new Report();

  public static void main(String[] args) {
    System.exit(BenchmarkProgram.execute(new PivotUnderLoad(), args));
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
  public Integer call() throws Exception {
    if (pivots < 1
        || accounts < 1
        || eventsPerSecond < 1
        || readers < 1
        || steadySeconds < 1
        || pauseSeconds < 0) {
      throw refusal(
          "need --pivots, --accounts, --events-per-second, --readers, --steady-seconds >= 1");
    }
    Path root = ProjectRoot.locate();
    PostflightServers servers = PostflightServers.of(root, SchemaRoll.settings(root));
    try (RunningServers<PostflightServers> running = RunningServers.of(servers, servers::close)) {
      System.out.printf(
          "Starting two MariaDB shards, a replica of shard-1, the control store, Kafka and postflight-service"
              + " (fresh state in benchmarks/target/servers/) …%n");
      servers.startStoresFresh();
      servers.startService();
      MariaDbEndpoint replica = servers.startReplica();
      report.machine(servers.mariaDbVersion());
      ServiceClient admin = ServiceClient.operator(servers.serviceUrl().toString());
      TopologyReplicas.set(
          admin, SHARD, REPLICA_NAME, replica, PostflightServers.DATABASE, "backup");
      List<String> owners = owners();
      Map<String, Long> published = pivots(servers, admin, owners);
      // The schema change pivoted shard-1 once more after the pivots.
      boolean onReplica = primaryName(admin).equals(REPLICA_NAME);
      Pool primary =
          InflightTransitions.pool(
              running.vertx(),
              onReplica ? replica : servers.shard(SHARD),
              PostflightServers.DATABASE,
              2);
      long lost = SplitCounts.missing(published, primary);
      report.line("  records lost: %d", lost);
      figures.add(Figure.of("records lost by the pivots and the schema change", lost, "records"));
      System.out.println();
      report.printAgain();
      return 0;
    }
  }

  /** Shard-1's primary in the topology now. */
  private static String primaryName(ServiceClient admin) throws Exception {
    for (JsonNode shard : admin.get("/admin/v1/Topology").path("shards")) {
      if (shard.path("id").asText().equals(SHARD)) {
        return shard.path("primary").path("name").asText();
      }
    }
    throw new IllegalStateException("the topology lists no " + SHARD);
  }

  /** Accounts whose keyspace id puts them on shard-1 (the upper half of the keyspace). */
  private List<String> owners() {
    List<String> owners = new ArrayList<>();
    while (owners.size() < accounts) {
      String account = Sid.mint(SidKind.ACCOUNT).value();
      if (SplitRange.onSource(account)) {
        owners.add(account);
      }
    }
    return owners;
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
        OperationStatus status =
            OperationStatus.awaitFinished(
                admin,
                "/admin/v1/Shards/" + SHARD + "/Pivots/" + started.path("id").asText(),
                Duration.ofMinutes(5),
                Duration.ofMillis(100),
                false);
        long whole = (System.nanoTime() - begin) / 1_000_000;
        if (!status.completed()) {
          throw new IllegalStateException("pivot " + i + " did not complete: " + status);
        }
        long block =
            Duration.between(
                    status.stepTime("block-writes", "started_at"),
                    status.stepTime("update-catalogue", "ended_at"))
                .toMillis();
        blocks.recordValue(block);
        report.line(
            "  %-3d %-10s %9d %9d   %d / %d / %d / %d",
            i,
            to,
            block,
            whole,
            status.stepMillis("block-writes"),
            status.stepMillis("wait-for-candidate"),
            status.stepMillis("promote"),
            status.stepMillis("update-catalogue"));
        Thread.sleep(pauseSeconds * 1000L);
      }
      long pivotsEnd = System.nanoTime();
      SchemaRoll.roll(admin, report, figures);
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

      BeforeAndDuring latencies =
          BeforeAndDuring.of(load, list, steadyStart, pivotsStart, pivotsEnd);
      latencies.print(report, "completion to visible", "list page 1", "during the pivots");
      report.line("  failed reads %d", list.failures());
      figures.add(Figure.of("failed reads during the pivots", list.failures(), "reads"));
      figures.add(latencies.visibleFigure("during the pivots", "before them"));
      return load.published();
    }
  }
}
