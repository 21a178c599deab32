package io.flightdeck.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.flightdeck.postflight.routing.KeyRange;
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
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
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
public final class SplitUnderLoad implements BenchmarkProgram {
  static final String SOURCE = "shard-1";
  static final String TARGET = "shard-2";

  /** The target's schema, on shard-0's server: the benchmark starts no third MariaDB. */
  static final String TARGET_DATABASE = "postflight_split";

  /** The range the split moves: the upper half of shard-1's, when two shards share the keyspace. */
  static final KeyRange MOVED = new KeyRange(0xc000000000000000L, 0);

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

  private final List<Figure> figures = new ArrayList<>();
  private final Report report = new Report();

  public static void main(String[] args) {
    System.exit(InflightTransitions.execute(new SplitUnderLoad(), args));
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
  public List<Figure> figures() {
    return List.copyOf(figures);
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
      throw new CommandLine.ParameterException(
          new CommandLine(this),
          "need --rows, --events-per-second, --readers, --steady-seconds, --seed-connections,"
              + " --timeout-minutes >= 1, --accounts >= 2, --shard-buffer-pool-mb >= 64");
    }
    PostflightServers servers = PostflightServers.of(ProjectRoot.locate());
    Thread stopper = new Thread(servers::close, "stop-benchmark-servers");
    Runtime.getRuntime().addShutdownHook(stopper);
    Vertx vertx = Vertx.vertx();
    try {
      System.out.printf(
          "Starting two MariaDB shards, the control store, Kafka and postflight-service (fresh state in benchmarks/target/servers/) …%n");
      servers.startStoresFresh();
      servers.startService();
      report.line(
          "machine: %d processors, load average at start %s; MariaDB %s; %s",
          Runtime.getRuntime().availableProcessors(),
          Report.loadAverage(),
          servers.mariaDbVersion(),
          System.getProperty("java.vm.name") + " " + Runtime.version());
      List<String> owners = owners();
      Map<String, Long> seeded;
      // The benchmark's own connections go before the split: its auto-increment step waits until
      // no session of the service's user predates its change.
      Pool seeding =
          InflightTransitions.pool(
              vertx, servers.shard(SOURCE), PostflightServers.DATABASE, seedConnections + 1);
      try {
        long begin = System.nanoTime();
        MonthSeed seed =
            new MonthSeed(report, rows, accounts, 0, seedConnections, shardBufferPoolMb);
        seed.size(seeding);
        // The target's server too: the clone writes every row there.
        Pool targetServer =
            InflightTransitions.pool(
                vertx, servers.shard("shard-0"), PostflightServers.DATABASE, 1);
        try {
          seed.size(targetServer);
        } finally {
          targetServer.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        seed.insert(seeding, SEEDED, rows, owners);
        report.line(
            "seeded %d calls of %d accounts on %s in %.0f s",
            rows, accounts, SOURCE, (System.nanoTime() - begin) / 1e9);
        seeded = SplitCounts.perAccount(seeding);
      } finally {
        seeding.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
      ServiceClient admin =
          new ServiceClient(
              servers.serviceUrl().toString(), Optional.of("Bearer " + LocalStack.DEV_ADMIN_TOKEN));
      addTarget(admin, servers.shard("shard-0"));
      Map<String, Long> published = split(servers, admin, owners);
      Pool source =
          InflightTransitions.pool(vertx, servers.shard(SOURCE), PostflightServers.DATABASE, 2);
      Pool target = InflightTransitions.pool(vertx, servers.shard("shard-0"), TARGET_DATABASE, 2);
      long lost = SplitCounts.lost(seeded, published, source, target);
      report.line("  records lost or misplaced: %d", lost);
      figures.add(Figure.of("records lost or misplaced by the split", lost, "records"));
      System.out.println();
      report.printAgain();
      figures.addAll(
          ServiceMemory.rss(Map.of("postflight-service", servers.pids().get("service"))));
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

  /**
   * Accounts of the source shard, half of them in the range the split moves (the keyspace id is the
   * routing's own), so both sides keep taking writes.
   */
  private List<String> owners() {
    List<String> moved = new ArrayList<>();
    List<String> staying = new ArrayList<>();
    while (moved.size() + staying.size() < accounts) {
      String account = Sid.mint(SidKind.ACCOUNT).value();
      KeyspaceId id = KeyspaceId.of(account);
      boolean onSource = Long.compareUnsigned(id.value(), 0x8000000000000000L) >= 0;
      if (onSource && MOVED.contains(id) && moved.size() < accounts / 2) {
        moved.add(account);
      } else if (onSource && !MOVED.contains(id) && staying.size() < accounts - accounts / 2) {
        staying.add(account);
      }
    }
    List<String> all = new ArrayList<>(moved);
    all.addAll(staying);
    return all;
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
      JsonNode status = SplitCounts.awaitFinished(admin, id, Duration.ofMinutes(timeoutMinutes));
      long splitEnd = System.nanoTime();
      load.stop();
      if (!status.path("status").asText().equals("completed")) {
        throw new IllegalStateException("the split did not complete: " + status.toPrettyString());
      }
      report.line("");
      report.line(
          "SPLIT %s of %d calls (%d accounts): range %s into %s (a schema on shard-0's server), while %d events/s"
              + " were ingested and %d readers listed a moved account",
          SOURCE, rows, accounts, MOVED, TARGET, eventsPerSecond, readers);
      report.line("  %-16s %12s  %s", "step", "seconds", "progress");
      for (JsonNode step : status.path("steps")) {
        report.line(
            "  %-16s %12.1f  %s",
            step.path("name").asText(),
            Duration.between(
                        Instant.parse(step.path("started_at").asText()),
                        Instant.parse(step.path("ended_at").asText()))
                    .toMillis()
                / 1000.0,
            step.path("progress").asText(""));
      }
      double total = (splitEnd - splitStart) / 1e9;
      report.line("  whole split %.1f s", total);
      figures.add(Figure.of("shard split of " + rows + " calls, whole", total, "s"));

      Histogram visibleBefore = load.visible(steadyStart, splitStart);
      Histogram visibleDuring = load.visible(splitStart, splitEnd);
      Histogram listBefore = list.overlapping(steadyStart, splitStart);
      Histogram listDuring = list.overlapping(splitStart, splitEnd);
      report.line("");
      report.line("  %-44s %9s %9s %9s %8s", "", "p50 ms", "p99 ms", "max ms", "samples");
      row("completion to visible, moved range, before", visibleBefore);
      row("completion to visible, moved range, during", visibleDuring);
      row("list page 1 of a moved account, before", listBefore);
      row("list page 1 of a moved account, during", listDuring);
      // The write pause: the moved range's events completed from just before the write map moved
      // until the cut, when the last of the source's writes to the range had reached the target.
      Histogram pause =
          load.visible(
              stepTime(status, "move-writes", "started_at").minusSeconds(1),
              stepTime(status, "cut", "ended_at"));
      row("write pause: completion to visible, move-writes to cut", pause);
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
      double listRatio =
          (double) listDuring.getValueAtPercentile(99) / listBefore.getValueAtPercentile(99);
      report.line(
          "  list p99 during / before: %.2f (goal <= 2: %s); failed reads %d",
          listRatio, listRatio <= 2 ? "met" : "NOT met", list.failures());
      figures.add(
          Figure.beside(
              "completion to visible p99 during the split",
              visibleDuring.getValueAtPercentile(99) / 1000.0,
              "ms",
              "before it",
              visibleBefore.getValueAtPercentile(99) / 1000.0));
      figures.add(
          Figure.beside(
              "moved account's list p99 during the split",
              listDuring.getValueAtPercentile(99) / 1000.0,
              "ms",
              "before it (goal ratio <= 2)",
              listBefore.getValueAtPercentile(99) / 1000.0));
      return load.published();
    }
  }

  private static Instant stepTime(JsonNode status, String step, String field) {
    for (JsonNode s : status.path("steps")) {
      if (s.path("name").asText().equals(step)) {
        return Instant.parse(s.path(field).asText());
      }
    }
    throw new IllegalStateException("no step " + step + " in " + status);
  }

  private void row(String name, Histogram h) {
    report.line(
        "  %-44s %9.2f %9.2f %9.2f %8d",
        name,
        h.getValueAtPercentile(50) / 1000.0,
        h.getValueAtPercentile(99) / 1000.0,
        h.getMaxValue() / 1000.0,
        h.getTotalCount());
  }

  /** The shard each account's reads go to after the split, for the loss count. */
  static Map<String, String> expectedShards(List<String> owners) {
    Map<String, String> shards = new LinkedHashMap<>();
    owners.forEach(a -> shards.put(a, MOVED.contains(KeyspaceId.of(a)) ? TARGET : SOURCE));
    return shards;
  }
}
