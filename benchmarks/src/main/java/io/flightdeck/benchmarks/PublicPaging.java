package io.flightdeck.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.flightdeck.benchmarks.Pagers.Cursor;
import io.flightdeck.benchmarks.Pagers.Pager;
import io.flightdeck.benchmarks.Pagers.Walk;
import io.flightdeck.servers.ProjectRoot;
import io.flightdeck.stack.LocalStack;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
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
public final class PublicPaging implements BenchmarkProgram {

  private final List<Figure> figures = new ArrayList<>();

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
    System.exit(InflightTransitions.execute(new PublicPaging(), args));
  }

  @Override
  public List<String> smokeArgs() {
    return List.of(
        "--finished=2000",
        "--live=20",
        "--page-size=200",
        "--walks=1",
        "--samples=5",
        "--deep-page=5");
  }

  @Override
  public List<Figure> figures() {
    return List.copyOf(figures);
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
      throw new CommandLine.ParameterException(
          new CommandLine(this),
          "need --finished, --live >= 0, --page-size in 1..1000, --walks, --samples, --deep-page >= 1");
    }
    figures.clear();
    PagingServers servers = PagingServers.of(ProjectRoot.locate());
    Thread stopper = new Thread(servers::close, "stop-benchmark-servers");
    Runtime.getRuntime().addShutdownHook(stopper);
    Vertx vertx = Vertx.vertx();
    try {
      double loadBefore = loadAverage();
      System.out.printf(
          "Starting MariaDB, Kafka and the three services (fresh state in benchmarks/target/paging-servers/) …%n");
      servers.startFresh();
      ServiceClient admin =
          new ServiceClient(
              servers.url(PagingServers.AGGREGATOR),
              Optional.of("Bearer " + LocalStack.DEV_ADMIN_TOKEN));
      JsonNode created = admin.postJson("/admin/v1/Accounts", "", 201);
      String account = created.path("account_sid").asText();
      String basic =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(
                      (account + ":" + created.path("auth_token").asText())
                          .getBytes(StandardCharsets.UTF_8));
      String shard =
          new ServiceClient(
                  servers.url(PagingServers.POSTFLIGHT),
                  Optional.of("Bearer " + LocalStack.DEV_ADMIN_TOKEN))
              .get("/admin/v1/Accounts/" + account + "/Route")
              .path("read")
              .path("shard")
              .asText();
      // The driver postflight-service reads its shards with, one connection, prepared statements
      // cached.
      Pool shardPool = InflightTransitions.pool(vertx, servers.mariaDb(shard), "postflight", 1);

      long seedStart = System.nanoTime();
      System.out.printf("seeding %d finished calls straight into %s …%n", finished, shard);
      PagingSeed.finishedCalls(shardPool, account, finished);
      long finishedSeeded = System.nanoTime();
      System.out.printf(
          "  %.1f s; creating %d live calls through inflight-service …%n",
          (finishedSeeded - seedStart) / 1e9, live);
      PagingSeed.liveCalls(
          new ServiceClient(
              servers.url(PagingServers.INFLIGHT),
              Optional.of("Bearer " + LocalStack.DEV_PRODUCER_TOKEN)),
          account,
          live,
          8);
      System.out.printf("  %.1f s%n", (System.nanoTime() - finishedSeeded) / 1e9);

      Pager api =
          Pagers.publicApi(
              new ServiceClient(servers.url(PagingServers.AGGREGATOR), Optional.of(basic)),
              account,
              pageSize);
      Pager direct = Pagers.shard(shardPool, account, pageSize);
      System.out.println("warm-up: one walk each way …");
      Walk apiWarm = api.walk();
      Walk directWarm = direct.walk();
      check(apiWarm, finished + live, "public API");
      check(directWarm, finished, "shard");

      Map<String, Long> pids = new LinkedHashMap<>(servers.pids(shard));
      pids.put("benchmark", ProcessHandle.current().pid());
      CpuClock cpu = new CpuClock(pids);
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

      print(
          servers.mariaDbVersion(),
          loadBefore,
          apiWalks,
          directWalks,
          cores,
          apiNanos,
          List.of(apiFirst, apiDeep, directFirst, directDeep),
          deep + 1);
      figures.addAll(ServiceMemory.rss(servers.servicePids()));
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

  private void print(
      String mariaDb,
      double loadBefore,
      List<Walk> apiWalks,
      List<Walk> directWalks,
      Map<String, Double> cores,
      long apiNanos,
      List<Histogram> latency,
      int deep) {
    System.out.println();
    System.out.printf(
        "Machine: %d cores (%s), %s %s, MariaDB %s; load average %.2f before the start, %.2f at the end%n",
        Runtime.getRuntime().availableProcessors(),
        Setting.processorModel(),
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"),
        mariaDb,
        loadBefore,
        loadAverage());
    System.out.printf(
        "Account: %d finished calls (on the shard) + %d live (in-flight), PageSize %d, %d measured walks each way%n%n",
        finished, live, pageSize, walks);
    System.out.printf(
        "%-12s %8s %10s %12s %12s %12s %12s%n",
        "way", "pages", "records", "records/s", "walks (s)", "p1 p50/p99", "p" + deep + " p50/p99");
    double apiRate = median(apiWalks);
    double directRate = median(directWalks);
    row("public API", apiWalks, apiRate, latency.get(0), latency.get(1));
    row("shard SQL", directWalks, directRate, latency.get(2), latency.get(3));
    System.out.printf(
        "%npublic API / shard SQL (records/s, medians of the walks): %.3f%n", apiRate / directRate);
    figures.add(
        Figure.beside(
            "public API paging records/s",
            apiRate,
            "records/s",
            "keyset SQL on the shard",
            directRate));
    System.out.printf("busy cores during the public API's walks (%.1f s):%n  ", apiNanos / 1e9);
    cores.forEach((name, value) -> System.out.printf("%s %.2f  ", name, value));
    System.out.println();
    System.out.println(
        "Latencies in ms, one client, one request at a time; p1 = the first page, p"
            + deep
            + " = page "
            + deep
            + ".");
  }

  private static void row(
      String way, List<Walk> walks, double rate, Histogram first, Histogram deep) {
    Walk one = walks.get(0);
    System.out.printf(
        "%-12s %8d %10d %12.0f %12s %12s %12s%n",
        way,
        one.pages(),
        one.records(),
        rate,
        String.join("/", walks.stream().map(w -> "%.1f".formatted(w.nanos() / 1e9)).toList()),
        ms(first),
        ms(deep));
  }

  private static String ms(Histogram h) {
    return "%.1f/%.1f"
        .formatted(h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0);
  }

  private static double median(List<Walk> walks) {
    double[] rates = walks.stream().mapToDouble(Walk::recordsPerSecond).sorted().toArray();
    return rates[rates.length / 2];
  }

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
