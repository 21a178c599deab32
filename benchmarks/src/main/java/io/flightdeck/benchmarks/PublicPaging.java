package io.flightdeck.benchmarks;

import io.flightdeck.benchmarks.Pagers.Cursor;
import io.flightdeck.benchmarks.Pagers.Pager;
import io.flightdeck.benchmarks.Pagers.Walk;
import io.flightdeck.benchmarks.PublicListReaders.Account;
import io.flightdeck.servers.ProjectRoot;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The public read path's paging benchmark: one client pages through an account of finished and live
 * calls with the largest page, through the public API (aggregator → inflight-service and
 * postflight-service → MariaDB) and straight from the account's shard with keyset SQL, in one run
 * on one machine. See benchmarks/README.md.
 */
@Command(
    name = "public-paging",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Starts MariaDB (in-flight, two shards, control), Kafka and the three services, seeds one account, "
            + "then pages through it through the public API and straight from its shard; prints records/s, "
            + "per-page latency at page 1 and page 100, and stops everything.")
public final class PublicPaging extends BenchmarkCommand {

  @Mixin InflightNodeOption inflightNodes = new InflightNodeOption();

  @Option(
      names = "--finished",
      defaultValue = "100000",
      description = "Finished calls on the account's shard (default: ${DEFAULT-VALUE}).")
  int finished;

  @Option(
      names = "--live",
      defaultValue = "1000",
      description =
          "Live calls in-flight, created through inflight-service (default: ${DEFAULT-VALUE}).")
  int live;

  @Option(
      names = "--page-size",
      defaultValue = "1000",
      description = "PageSize of every page (default: ${DEFAULT-VALUE}).")
  int pageSize;

  @Option(
      names = "--walks",
      defaultValue = "3",
      description =
          "Measured walks from the first page to the last, each way (default: ${DEFAULT-VALUE}).")
  int walks;

  @Option(
      names = "--warm-up-walks",
      defaultValue = "12",
      description =
          "Unmeasured walks each way before the measured ones; the first is checked. Until the"
              + " services' JIT has compiled the paging path, its compiler threads take a third of a"
              + " core: after 3 walks they still took a quarter of the services' processor"
              + " (default: ${DEFAULT-VALUE}).")
  int warmUpWalks;

  @Option(
      names = "--samples",
      defaultValue = "100",
      description = "Timed reads of page 1 and of page 100, each way (default: ${DEFAULT-VALUE}).")
  int samples;

  @Option(
      names = "--deep-page",
      defaultValue = "100",
      description =
          "The deep page timed beside page 1, counted from 1 (default: ${DEFAULT-VALUE}).")
  int deepPage;

  public static void main(String[] args) {
    System.exit(BenchmarkProgram.execute(new PublicPaging(), args));
  }

  @Override
  public List<String> smokeArgs() {
    return List.of(
        "--finished=2000",
        "--live=20",
        "--page-size=200",
        "--walks=1",
        "--warm-up-walks=1",
        "--samples=5",
        "--deep-page=5");
  }

  @Override
  public Integer call() throws Exception {
    if (finished < 0
        || live < 0
        || pageSize < 1
        || pageSize > 1000
        || walks < 1
        || samples < 1
        || deepPage < 1) {
      throw refusal(
          "need --finished, --live >= 0, --page-size in 1..1000, --walks, --samples, --deep-page >= 1");
    }
    figures.clear();
    PagingServers servers = PagingServers.of(ProjectRoot.locate(), inflightNodes.count());
    try (RunningServers<PagingServers> running = RunningServers.of(servers, servers::close)) {
      double loadBefore = AllBenchmarks.loadAverage();
      System.out.printf(
          "Starting MariaDB (%s), Kafka and the three services (fresh state in benchmarks/target/paging-servers/) …%n",
          inflightNodes.described());
      servers.startFresh();
      Account owner = Account.create(ServiceClient.operator(servers.url(PagingServers.AGGREGATOR)));
      String account = owner.sid();
      String shard =
          ServiceClient.operator(servers.url(PagingServers.POSTFLIGHT))
              .get("/admin/v1/Accounts/" + account + "/Route")
              .path("read")
              .path("shard")
              .asText();
      // The driver postflight-service reads its shards with, one connection, prepared statements
      // cached.
      Pool shardPool =
          InflightTransitions.pool(running.vertx(), servers.mariaDb(shard), "postflight", 1);

      long seedStart = System.nanoTime();
      System.out.printf("seeding %d finished calls straight into %s …%n", finished, shard);
      PagingSeed.finishedCalls(shardPool, account, finished);
      long finishedSeeded = System.nanoTime();
      System.out.printf(
          "  %.1f s; creating %d live calls through inflight-service …%n",
          (finishedSeeded - seedStart) / 1e9, live);
      PagingSeed.liveCalls(
          ServiceClient.producer(servers.url(PagingServers.INFLIGHT)), account, live, 8);
      System.out.printf("  %.1f s%n", (System.nanoTime() - finishedSeeded) / 1e9);

      Pager api =
          Pagers.publicApi(
              new ServiceClient(
                  servers.url(PagingServers.AGGREGATOR), Optional.of(owner.authorization())),
              account,
              pageSize);
      Pager direct = Pagers.shard(shardPool, account, pageSize);
      System.out.printf("warm-up: %d walks each way …%n", Math.max(1, warmUpWalks));
      Walk apiWarm = api.walk();
      Walk directWarm = direct.walk();
      check(apiWarm, finished + live, "public API");
      check(directWarm, finished, "shard");
      for (int i = 1; i < warmUpWalks; i++) {
        api.walk();
        direct.walk();
      }

      CpuClock cpu = CpuClock.withBenchmark(servers.pids(shard));
      List<Walk> apiWalks = new ArrayList<>();
      List<Walk> directWalks = new ArrayList<>();
      CpuClock.Reading atStart = cpu.read();
      long apiNanos = 0;
      System.out.printf(
          "%d measured walks through the public API, then %d straight from the shard …%n",
          walks, walks);
      for (int i = 0; i < walks; i++) {
        Walk walk = api.walk();
        apiNanos += walk.nanos();
        apiWalks.add(walk);
      }
      Map<String, Double> cores = cpu.read().coresSince(atStart);
      for (int i = 0; i < walks; i++) {
        directWalks.add(direct.walk());
      }

      System.out.printf("timing page 1 and page %d, %d reads each way …%n", deepPage, samples);
      int deep = Math.min(deepPage, apiWarm.pages()) - 1;
      int deepDirect = Math.min(deepPage, directWarm.pages()) - 1;
      Histogram apiFirst = time(api, apiWarm.cursors().get(0));
      Histogram apiDeep = time(api, apiWarm.cursors().get(deep));
      Histogram directFirst = time(direct, directWarm.cursors().get(0));
      Histogram directDeep = time(direct, directWarm.cursors().get(deepDirect));

      PagingTable table = new PagingTable(this, servers.mariaDbVersion(), loadBefore);
      figures.add(
          table.print(
              apiWalks,
              directWalks,
              cores,
              apiNanos,
              List.of(apiFirst, apiDeep, directFirst, directDeep),
              deep + 1));
      figures.addAll(ServiceMemory.rss(servers.servicePids()));
      return 0;
    }
  }

  private static void check(Walk walk, int expected, String way) {
    if (walk.records() != expected || walk.distinct() != expected) {
      throw new IllegalStateException(
          way
              + ": a walk saw "
              + walk.records()
              + " records ("
              + walk.distinct()
              + " distinct), not the "
              + expected
              + " of the account");
    }
  }

  private Histogram time(Pager pager, Cursor cursor) throws Exception {
    Histogram histogram = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
    for (int i = 0; i < samples; i++) {
      long start = System.nanoTime();
      pager.read(cursor);
      histogram.recordValue(
          Math.min((System.nanoTime() - start) / 1000, histogram.getHighestTrackableValue()));
    }
    return histogram;
  }
}
