package io.flightdeck.benchmarks;

import io.flightdeck.servers.ProjectRoot;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Issue 4's benchmark of postflight-service: the ingest rate from Kafka into two shards, then the
 * list latency of page 1 and page 1,000 of one account holding many calls (keyset paging through
 * the read API, beside OFFSET and keyset SQL straight on the shard), and get-by-Sid. See
 * benchmarks/README.md.
 */
@Command(
    name = "postflight-reads",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Starts two MariaDB shards, the control store, Kafka and postflight-service; measures the ingest rate "
            + "of completed-call events, then list and get latency on one large account; prints the figures and stops everything.")
public final class PostflightReads extends BenchmarkCommand {

  enum Phase {
    INGEST,
    LIST
  }

  @Option(
      names = "--rows",
      defaultValue = "1000000",
      description = "Calls of the large account, seeded on its shard (default: ${DEFAULT-VALUE}).")
  int rows;

  @Option(
      names = "--iterations",
      defaultValue = "200",
      description = "Timed requests per measured case (default: ${DEFAULT-VALUE}).")
  int iterations;

  @Option(
      names = "--warm-up",
      defaultValue = "50",
      description = "Untimed requests before each case (default: ${DEFAULT-VALUE}).")
  int warmUp;

  @Option(
      names = "--events",
      defaultValue = "100000",
      description =
          "Completed-call events published for the ingest phase (default: ${DEFAULT-VALUE}).")
  int events;

  @Option(
      names = "--accounts",
      defaultValue = "1000",
      description = "Accounts the ingest events are spread over (default: ${DEFAULT-VALUE}).")
  int accounts;

  @Option(
      names = "--seed-connections",
      defaultValue = "2",
      description = "Concurrent INSERT connections when seeding (default: ${DEFAULT-VALUE}).")
  int seedConnections;

  @Option(
      names = "--phases",
      split = ",",
      defaultValue = "ingest,list",
      description = "Phases to run, of ingest, list (default: ${DEFAULT-VALUE}).")
  List<Phase> phases;

  private final Report report = new Report();

  public static void main(String[] args) {
    System.exit(BenchmarkProgram.execute(new PostflightReads(), args));
  }

  @Override
  public List<String> smokeArgs() {
    return List.of(
        "--rows=50050",
        "--events=500",
        "--accounts=10",
        "--iterations=5",
        "--warm-up=2",
        "--seed-connections=2");
  }

  @Override
  public Integer call() throws Exception {
    if (rows < (LargeAccountList.FAR_PAGE + 1) * LargeAccountList.PAGE_SIZE
        || iterations < 1
        || warmUp < 0
        || events < 1
        || accounts < 1
        || seedConnections < 1) {
      throw refusal(
          "need --rows >= "
              + (LargeAccountList.FAR_PAGE + 1) * LargeAccountList.PAGE_SIZE
              + ", --iterations, --events, --accounts, --seed-connections >= 1, --warm-up >= 0");
    }
    PostflightServers servers = PostflightServers.of(ProjectRoot.locate());
    try (RunningServers<PostflightServers> running = RunningServers.of(servers, servers::close)) {
      Vertx vertx = running.vertx();
      System.out.printf(
          "Starting two MariaDB shards, the control store and Kafka (fresh state in benchmarks/target/servers/) …%n");
      servers.startStoresFresh();
      report.machine(servers.mariaDbVersion());
      Map<String, Pool> shards = new LinkedHashMap<>();
      for (String shard : PostflightServers.SHARDS) {
        shards.put(
            shard,
            InflightTransitions.pool(
                vertx,
                servers.shard(shard),
                PostflightServers.DATABASE,
                Math.max(2, seedConnections)));
      }
      if (phases.contains(Phase.INGEST)) {
        figures.add(new PostflightIngest(report).run(servers, shards, events, accounts));
      } else {
        System.out.printf("Starting postflight-service …%n");
        servers.startService();
      }
      if (phases.contains(Phase.LIST)) {
        figures.add(
            new LargeAccountList(report, rows, iterations, warmUp, seedConnections)
                .run(servers, shards));
      }
      System.out.println();
      report.printAgain();
      figures.addAll(
          ServiceMemory.rss(Map.of("postflight-service", servers.pids().get("service"))));
      return 0;
    }
  }

  static CpuClock cpuClock(PostflightServers servers) {
    return CpuClock.withBenchmark(servers.pids());
  }
}
