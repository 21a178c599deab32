package io.flightdeck.benchmarks;

import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.flightdeck.servers.ProjectRoot;
import io.vertx.sqlclient.Pool;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Issue 20's benchmark: retiring one month of calls by dropping its partition, beside deleting the
 * same number of rows (another month, seeded alike) in chunks of 10,000, while closed-loop readers
 * list another account on the same shard. See benchmarks/README.md.
 */
@Command(
    name = "month-retirement",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Starts two MariaDB shards, the control store, Kafka and postflight-service; seeds two months of calls on one "
            + "shard; drops one month's partition, then deletes the other month's rows in chunks, while another account's list "
            + "is read; prints both times, their ratio and the list latency before and during each; stops everything.")
public final class MonthRetirement extends BenchmarkCommand {

  enum Reads {
    SERVICE,
    SHARD
  }

  static final YearMonth DROPPED = YearMonth.of(2025, 3);
  static final YearMonth DELETED = YearMonth.of(2025, 4);
  static final YearMonth READ = YearMonth.of(2026, 1);

  @Option(
      names = "--rows",
      defaultValue = "1000000",
      description =
          "Calls in each of the two months, dropped and deleted (default: ${DEFAULT-VALUE}).")
  int rows;

  @Option(
      names = "--chunk",
      defaultValue = "10000",
      description = "Rows per DELETE statement (default: ${DEFAULT-VALUE}).")
  int chunk;

  @Option(
      names = "--accounts",
      defaultValue = "1000",
      description = "Accounts the two months' calls belong to (default: ${DEFAULT-VALUE}).")
  int accounts;

  @Option(
      names = "--reader-rows",
      defaultValue = "10000",
      description = "Calls of the account that is read meanwhile (default: ${DEFAULT-VALUE}).")
  int readerRows;

  @Option(
      names = "--readers",
      defaultValue = "2",
      description = "Concurrent closed-loop readers of its first page (default: ${DEFAULT-VALUE}).")
  int readers;

  @Option(
      names = "--reads",
      defaultValue = "service",
      description =
          "How the list is read: service (postflight-service's list API) or shard (the same page as SQL on the shard) (default: ${DEFAULT-VALUE}).")
  Reads reads;

  @Option(
      names = "--steady-seconds",
      defaultValue = "20",
      description =
          "Reads measured before each of the two (after as long a warm-up once) (default: ${DEFAULT-VALUE}).")
  int steadySeconds;

  @Option(
      names = "--after-seconds",
      defaultValue = "5",
      description = "Reads measured from the start of each, at least (default: ${DEFAULT-VALUE}).")
  int afterSeconds;

  @Option(
      names = "--seed-connections",
      defaultValue = "2",
      description = "Concurrent INSERT statements while seeding (default: ${DEFAULT-VALUE}).")
  int seedConnections;

  @Option(
      names = "--shard-buffer-pool-mb",
      defaultValue = "1024",
      description =
          "InnoDB buffer pool of the seeded shard, set at run time; the launcher's 64 MB suits tests, not a shard of "
              + "millions of rows (default: ${DEFAULT-VALUE}).")
  int shardBufferPoolMb;

  private final Report report = new Report();

  public static void main(String[] args) {
    System.exit(BenchmarkProgram.execute(new MonthRetirement(), args));
  }

  @Override
  public List<String> smokeArgs() {
    return List.of(
        "--rows=20000",
        "--accounts=100",
        "--reader-rows=500",
        "--steady-seconds=1",
        "--after-seconds=1",
        "--shard-buffer-pool-mb=128");
  }

  @Override
  public Integer call() throws Exception {
    if (rows < 1
        || chunk < 1
        || accounts < 1
        || readerRows < 50
        || readers < 1
        || steadySeconds < 1
        || afterSeconds < 0
        || seedConnections < 1
        || shardBufferPoolMb < 64) {
      throw refusal(
          "need --rows, --chunk, --accounts, --readers, --steady-seconds, --seed-connections >= 1, --shard-buffer-pool-mb >= 64, --reader-rows >= 50, --after-seconds >= 0");
    }
    PostflightServers servers = PostflightServers.of(ProjectRoot.locate());
    try (RunningServers<PostflightServers> running = RunningServers.of(servers, servers::close)) {
      System.out.printf(
          "Starting two MariaDB shards, the control store, Kafka and postflight-service (fresh state in benchmarks/target/servers/) …%n");
      servers.startStoresFresh();
      servers.startService();
      String reader = Sid.mint(SidKind.ACCOUNT).value();
      String shardId =
          LargeAccountList.readShard(HttpClient.newHttpClient(), servers.serviceUrl(), reader);
      Pool shard =
          InflightTransitions.pool(
              running.vertx(),
              servers.shard(shardId),
              PostflightServers.DATABASE,
              Math.max(2, seedConnections));
      report.machine(servers.mariaDbVersion());
      MonthSeed seed =
          new MonthSeed(report, rows, accounts, readerRows, seedConnections, shardBufferPoolMb);
      seed.size(shard);
      seed.seed(shard, shardId, reader);
      run(servers, shard, shardId, reader);
      System.out.println();
      report.printAgain();
      figures.addAll(
          ServiceMemory.rss(Map.of("postflight-service", servers.pids().get("service"))));
      return 0;
    }
  }

  private void run(PostflightServers servers, Pool shard, String shardId, String reader)
      throws Exception {
    CpuClock cpu = CpuClock.withBenchmark(servers.pids());
    Duration steady = Duration.ofSeconds(steadySeconds);
    try (ListReaders list =
        reads == Reads.SERVICE
            ? ListReaders.service(readers, servers.serviceUrl(), reader)
            : ListReaders.shard(readers, shard, reader)) {
      System.out.printf(
          "reading %s's first page (%s, %d readers): %d s warm-up, %d s steady …%n",
          reader, reads, readers, steadySeconds, steadySeconds);
      Thread.sleep(steady.toMillis());
      long steadyBeforeDrop = System.nanoTime();
      Thread.sleep(steady.toMillis());

      System.out.printf("retiring partition %s …%n", MonthStatements.partition(DROPPED));
      MonthStatements.Dropped drop = MonthStatements.drop(shard, DROPPED);
      Thread.sleep(Math.max(steady.toMillis(), afterSeconds * 1000L));

      long steadyBeforeDelete = System.nanoTime();
      Thread.sleep(steady.toMillis());
      System.out.printf("deleting %s's rows, %d per statement …%n", DELETED, chunk);
      CpuClock.Reading cpuBeforeDelete = cpu.read();
      MonthStatements.Deleted delete = MonthStatements.delete(shard, DELETED, chunk);
      Map<String, Double> cores = cpu.read().coresSince(cpuBeforeDelete);
      Thread.sleep(afterSeconds * 1000L);
      long end = System.nanoTime();

      if (delete.rows() != rows) {
        throw new IllegalStateException(
            "the DELETE removed " + delete.rows() + " rows, not " + rows);
      }
      double dropMs = drop.millis();
      double deleteMs = delete.millis();
      long dropWindowEnd = Math.max(drop.end(), drop.start() + afterSeconds * 1_000_000_000L);
      report.line("");
      report.line(
          "RETIRE ONE MONTH of %d calls on %s (%d accounts); reads of another account's first page: %s, %d closed-loop readers",
          rows,
          shardId,
          accounts,
          reads == Reads.SERVICE ? "postflight-service list API" : "SQL on the shard",
          readers);
      report.line(
          "  retire %s (swap out, DROP PARTITION, DROP TABLE) %10.1f ms, of which calls locked %.1f ms",
          MonthStatements.partition(DROPPED), dropMs, drop.lockedNanos() / 1e6);
      report.line(
          "  DELETE … LIMIT %d, %d statements %10.1f ms  (%.0f rows/s)",
          chunk, delete.statements(), deleteMs, delete.rows() / (deleteMs / 1000));
      figures.add(
          Figure.beside(
              "month retirement, DROP PARTITION ms", dropMs, "ms", "DELETE in chunks", deleteMs));
      report.line(
          "  DELETE / DROP: %.0f×   (goal: the drop takes <= 1 s: %s)",
          deleteMs / dropMs, dropMs <= 1000 ? "met" : "NOT met");
      report.line("");
      report.line(
          "  %-52s %9s %9s %9s %8s %6s",
          "list reads", "p50 ms", "p99 ms", "max ms", "requests", "failed");
      Histogram before = list.overlapping(steadyBeforeDrop, steadyBeforeDrop + steady.toNanos());
      Histogram during = list.overlapping(drop.start(), drop.end());
      Histogram after = list.overlapping(drop.start(), dropWindowEnd);
      row(
          list,
          "steady, before the drop (" + steadySeconds + " s)",
          steadyBeforeDrop,
          drop.start(),
          before);
      row(list, "in flight during the retirement's statements", drop.start(), drop.end(), during);
      row(
          list,
          "from the DROP's start, " + afterSeconds + " s",
          drop.start(),
          dropWindowEnd,
          after);
      Histogram beforeDelete =
          list.overlapping(steadyBeforeDelete, steadyBeforeDelete + steady.toNanos());
      Histogram duringDelete = list.overlapping(delete.start(), delete.end());
      row(
          list,
          "steady, before the DELETE (" + steadySeconds + " s)",
          steadyBeforeDelete,
          delete.start(),
          beforeDelete);
      row(list, "during the DELETE", delete.start(), delete.end(), duringDelete);
      report.line(
          "  p99 during / steady:  DROP statement %.2f, DROP + %d s %.2f (goal <= 1.2: %s);  DELETE %.2f",
          ratio(during, before),
          afterSeconds,
          ratio(after, before),
          ratio(after, before) <= 1.2 ? "met" : "NOT met",
          ratio(duringDelete, beforeDelete));
      figures.add(
          Figure.beside(
              "list p99 from the DROP's start",
              after.getValueAtPercentile(99) / 1000.0,
              "ms",
              "steady state (goal ratio <= 1.2)",
              before.getValueAtPercentile(99) / 1000.0));
      report.line(
          "  busy cores during the DELETE: %s; load average at the end %s; failed reads in all %d (over %.0f s)",
          Report.cores(cores),
          Report.loadAverage(),
          list.failures(),
          (end - steadyBeforeDrop) / 1e9);
    }
  }

  /** A row of the reads in flight in [from, to): their latencies and how many failed. */
  private void row(ListReaders list, String name, long from, long to, Histogram h) {
    report.line("  %-52s %s %6d", name, Report.millis(h), list.failedOverlapping(from, to));
  }

  private static double ratio(Histogram during, Histogram steady) {
    return steady.getTotalCount() == 0 || during.getTotalCount() == 0
        ? Double.NaN
        : (double) during.getValueAtPercentile(99) / steady.getValueAtPercentile(99);
  }
}
