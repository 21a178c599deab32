package io.flightdeck.benchmarks;

import static io.flightdeck.benchmarks.SplitRange.MOVED;
import static io.flightdeck.benchmarks.SplitRange.SOURCE;
import static io.flightdeck.benchmarks.SplitRange.TARGET;
import static io.flightdeck.benchmarks.SplitRange.TARGET_DATABASE;

import com.fasterxml.jackson.databind.JsonNode;
import io.flightdeck.servers.MariaDbEndpoint;
import io.flightdeck.servers.ProjectRoot;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Issue 12's benchmark: a shard split of a seeded shard under load, through postflight-service's
 * admin API. The duration of each step, the completion-to-visible latency of the moved range's
 * records before and during the split (its worst during the map moves is the write pause), the list
 * p99 of a moved account before and during, and the records lost (counted per account on both
 * shards afterwards). See benchmarks/README.md.
 */
@Command(
    name = "split-under-load",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Starts two MariaDB shards, the control store, Kafka and postflight-service; seeds shard-1; splits the upper "
            + "half of its range into a new shard while events are ingested and a moved account is listed; prints each "
            + "step's duration, the write pause, latencies before and during, and the records lost; stops everything.")
public final class SplitUnderLoad extends BenchmarkCommand {
  private static final YearMonth SEEDED = YearMonth.of(2026, 1);

  @Option(
      names = "--rows",
      defaultValue = "1000000",
      description = "Calls seeded on the source shard (default: ${DEFAULT-VALUE}).")
  int rows;

  @Option(
      names = "--accounts",
      defaultValue = "1000",
      description = "Accounts of the source shard the rows belong to (default: ${DEFAULT-VALUE}).")
  int accounts;

  @Option(
      names = "--events-per-second",
      defaultValue = "100",
      description =
          "Completed-call events published meanwhile, over those accounts (default: ${DEFAULT-VALUE}).")
  int eventsPerSecond;

  @Option(
      names = "--readers",
      defaultValue = "2",
      description =
          "Closed-loop readers of a moved account's first page (default: ${DEFAULT-VALUE}).")
  int readers;

  @Option(
      names = "--steady-seconds",
      defaultValue = "10",
      description = "Measured steady state before the split (default: ${DEFAULT-VALUE}).")
  int steadySeconds;

  @Option(
      names = "--seed-connections",
      defaultValue = "2",
      description =
          "Concurrent INSERT … SELECT statements when seeding (default: ${DEFAULT-VALUE}).")
  int seedConnections;

  @Option(
      names = "--shard-buffer-pool-mb",
      defaultValue = "1024",
      description =
          "innodb_buffer_pool_size set on the seeded shard at run time (default: ${DEFAULT-VALUE}).")
  int shardBufferPoolMb;

  @Option(
      names = "--timeout-minutes",
      defaultValue = "60",
      description = "How long the split may take before the run fails (default: ${DEFAULT-VALUE}).")
  int timeoutMinutes;

  private final Report report = new Report();

  public static void main(String[] args) {
    System.exit(BenchmarkProgram.execute(new SplitUnderLoad(), args));
  }

  @Override
  public List<String> smokeArgs() {
    return List.of(
        "--rows=5000",
        "--accounts=40",
        "--events-per-second=20",
        "--readers=1",
        "--steady-seconds=1",
        "--shard-buffer-pool-mb=128",
        "--timeout-minutes=5");
  }

  @Override
  public Integer call() throws Exception {
    if (rows < 1
        || accounts < 2
        || eventsPerSecond < 1
        || readers < 1
        || steadySeconds < 1
        || seedConnections < 1
        || shardBufferPoolMb < 64
        || timeoutMinutes < 1) {
      throw refusal(
          "need --rows, --events-per-second, --readers, --steady-seconds, --seed-connections,"
              + " --timeout-minutes >= 1, --accounts >= 2, --shard-buffer-pool-mb >= 64");
    }
    PostflightServers servers = PostflightServers.of(ProjectRoot.locate());
    try (RunningServers<PostflightServers> running = RunningServers.of(servers, servers::close)) {
      System.out.printf(
          "Starting two MariaDB shards, the control store, Kafka and postflight-service (fresh state in benchmarks/target/servers/) …%n");
      servers.startStoresFresh();
      servers.startService();
      report.machine(servers.mariaDbVersion());
      List<String> owners = SplitRange.owners(accounts);
      Map<String, Long> seeded = seed(running.vertx(), servers, owners);
      ServiceClient admin = ServiceClient.operator(servers.serviceUrl().toString());
      addTarget(admin, servers.shard("shard-0"));
      Map<String, Long> published = split(servers, admin, owners);
      Pool source =
          InflightTransitions.pool(
              running.vertx(), servers.shard(SOURCE), PostflightServers.DATABASE, 2);
      Pool target =
          InflightTransitions.pool(running.vertx(), servers.shard("shard-0"), TARGET_DATABASE, 2);
      long lost = SplitCounts.lost(seeded, published, source, target);
      report.line("  records lost or misplaced: %d", lost);
      figures.add(Figure.of("records lost or misplaced by the split", lost, "records"));
      System.out.println();
      report.printAgain();
      figures.addAll(
          ServiceMemory.rss(Map.of("postflight-service", servers.pids().get("service"))));
      return 0;
    }
  }

  /** Seeds the source shard; returns its calls per account. */
  private Map<String, Long> seed(Vertx vertx, PostflightServers servers, List<String> owners)
      throws Exception {
    // The benchmark's own connections go before the split: its auto-increment step waits until
    // no session of the service's user predates its change.
    Pool seeding =
        InflightTransitions.pool(
            vertx, servers.shard(SOURCE), PostflightServers.DATABASE, seedConnections + 1);
    try {
      long begin = System.nanoTime();
      MonthSeed seed = new MonthSeed(report, rows, accounts, 0, seedConnections, shardBufferPoolMb);
      seed.size(seeding);
      // The target's server too: the clone writes every row there.
      Pool targetServer =
          InflightTransitions.pool(vertx, servers.shard("shard-0"), PostflightServers.DATABASE, 1);
      try {
        seed.size(targetServer);
      } finally {
        targetServer.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
      seed.insert(seeding, SEEDED, rows, owners);
      report.line(
          "seeded %d calls of %d accounts on %s in %.0f s",
          rows, accounts, SOURCE, (System.nanoTime() - begin) / 1e9);
      return SplitCounts.perAccount(seeding);
    } finally {
      seeding.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private void addTarget(ServiceClient admin, MariaDbEndpoint server) throws Exception {
    admin.postJson(
        "/admin/v1/Shards",
        """
        {"id": "%s", "pool_size": 4, "primary": {"host": "%s", "port": %d, "user": "%s",
         "password": "%s", "database": "%s"}}"""
            .formatted(
                TARGET,
                server.host(),
                server.port(),
                server.user(),
                server.password(),
                TARGET_DATABASE),
        201);
    // The service opens the target's pool and migrates its schema within a second or so.
    Thread.sleep(2_000);
  }

  /** The split under load, measured; returns the events published meanwhile, by account. */
  private Map<String, Long> split(
      PostflightServers servers, ServiceClient admin, List<String> owners) throws Exception {
    String reader = owners.get(0);
    try (SplitLoad load =
            SplitLoad.start(servers, eventsPerSecond, owners, owners.subList(0, accounts / 2));
        ListReaders list = ListReaders.service(readers, servers.serviceUrl(), reader)) {
      System.out.printf("steady state, %d s …%n", steadySeconds);
      Thread.sleep(steadySeconds * 1000L);
      long steadyStart = System.nanoTime();
      Thread.sleep(steadySeconds * 1000L);
      long splitStart = System.nanoTime();
      JsonNode started =
          admin.postJson(
              "/admin/v1/ShardSplits",
              """
              {"source": "%s", "target": "%s", "ranges": ["%s"], "dry_run": false}"""
                  .formatted(SOURCE, TARGET, MOVED),
              201);
      String id = started.path("id").asText();
      System.out.printf("split %s started …%n", id);
      OperationStatus status =
          OperationStatus.awaitFinished(
              admin,
              "/admin/v1/ShardSplits/" + id,
              Duration.ofMinutes(timeoutMinutes),
              Duration.ofMillis(500),
              true);
      long splitEnd = System.nanoTime();
      load.stop();
      if (!status.completed()) {
        throw new IllegalStateException("the split did not complete: " + status);
      }
      report.line("");
      report.line(
          "SPLIT %s of %d calls (%d accounts): range %s into %s (a schema on shard-0's server), while %d events/s"
              + " were ingested and %d readers listed a moved account",
          SOURCE, rows, accounts, MOVED, TARGET, eventsPerSecond, readers);
      report.line("  %-16s %12s  %s", "step", "seconds", "progress");
      for (JsonNode step : status.steps()) {
        String name = step.path("name").asText();
        report.line(
            "  %-16s %12.1f  %s",
            name, status.stepMillis(name) / 1000.0, step.path("progress").asText(""));
      }
      double total = (splitEnd - splitStart) / 1e9;
      report.line("  whole split %.1f s", total);
      figures.add(Figure.of("shard split of " + rows + " calls, whole", total, "s"));

      BeforeAndDuring latencies = BeforeAndDuring.of(load, list, steadyStart, splitStart, splitEnd);
      latencies.print(
          report, "completion to visible, moved range", "list page 1 of a moved account", "during");
      // The write pause: the moved range's events completed from just before the write map moved
      // until the cut, when the last of the source's writes to the range had reached the target.
      Histogram pause =
          load.visible(
              status.stepTime("move-writes", "started_at").minusSeconds(1),
              status.stepTime("cut", "ended_at"));
      BeforeAndDuring.row(report, "write pause: completion to visible, move-writes to cut", pause);
      report.line(
          "  write pause p99 %.0f ms, worst %.0f ms (goal p99 <= 1 s: %s)",
          pause.getValueAtPercentile(99) / 1000.0,
          pause.getMaxValue() / 1000.0,
          pause.getValueAtPercentile(99) <= 1_000_000 ? "met" : "NOT met");
      figures.add(
          Figure.of(
              "write pause p99 (move-writes to cut)",
              pause.getValueAtPercentile(99) / 1000.0,
              "ms"));
      double listRatio = latencies.listRatio();
      report.line(
          "  list p99 during / before: %.2f (goal <= 2: %s); failed reads %d",
          listRatio, listRatio <= 2 ? "met" : "NOT met", list.failures());
      figures.add(latencies.visibleFigure("during the split", "before it"));
      figures.add(
          Figure.beside(
              "moved account's list p99 during the split",
              latencies.listDuring().getValueAtPercentile(99) / 1000.0,
              "ms",
              "before it (goal ratio <= 2)",
              latencies.listBefore().getValueAtPercentile(99) / 1000.0));
      return load.published();
    }
  }
}
