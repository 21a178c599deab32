package io.flightdeck.benchmarks;

import io.flightdeck.flags.Flags;
import io.flightdeck.flags.ReadPath;
import io.flightdeck.flags.UnleashAdmin;
import io.flightdeck.servers.Endpoints;
import io.flightdeck.servers.Ports;
import io.flightdeck.servers.ProjectRoot;
import io.flightdeck.stack.LegacySeed;
import io.flightdeck.stack.LocalStack;
import io.flightdeck.stack.StackPorts;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Latency of served public reads with shadowing off and on, under the same load: one legacy sample
 * account lists its calls from {@code --clients} concurrent clients while its read path moves every
 * {@code --slice-seconds} between {@code legacy} (no shadow) and {@code shadow-split} (served from
 * legacy, split read and compared in the background), first at saturation, then at a fixed share of
 * legacy's saturation rate ({@link PathSlices}). The whole local stack runs (split stores included,
 * so the candidate does real work), in {@code benchmarks/target/shadow-stack/}, stopped at the end.
 */
@Command(
    name = "shadow-latency",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Starts the whole local stack, lists a legacy account's calls from concurrent clients while its read path "
            + "moves between legacy and shadow-split every few seconds; prints req/s and latency of each, stops the stack.")
public final class ShadowLatency extends BenchmarkCommand {

  @Mixin InflightNodeOption inflightNodes = new InflightNodeOption();

  @Option(
      names = "--clients",
      defaultValue = "8",
      description =
          "Closed-loop clients, and the fixed-rate load's connections (default: ${DEFAULT-VALUE}).")
  int clients;

  @Option(
      names = "--warm-up-seconds",
      defaultValue = "10",
      description =
          "Per load, slices run but not counted, about this long in all (default: ${DEFAULT-VALUE}).")
  int warmUp;

  @Option(
      names = "--seconds",
      defaultValue = "60",
      description =
          "Per load and read path, the time counted, in slices (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(
      names = "--slice-seconds",
      defaultValue = "4",
      description =
          "How long each slice counts, after its switch and settle (default: ${DEFAULT-VALUE}).")
  int sliceSeconds;

  @Option(
      names = "--settle-ms",
      defaultValue = "1000",
      description =
          "After a slice's switch took effect, not counted: the other path's queue drains (default: ${DEFAULT-VALUE}).")
  int settleMs;

  @Option(
      names = "--sample-rate",
      defaultValue = "0.1",
      description =
          "flightdeck.shadow.sample-rate of the aggregator: the service's default (default: ${DEFAULT-VALUE}).")
  double sampleRate;

  @Option(
      names = "--max-per-second",
      defaultValue = "1",
      description =
          "flightdeck.shadow.max-per-second of the aggregator: the service's default (default: ${DEFAULT-VALUE}).")
  int maxPerSecond;

  @Option(
      names = "--load-share",
      defaultValue = "0.7",
      description =
          "The fixed-rate phase's request rate, as a share of the unshadowed saturation rate (default: ${DEFAULT-VALUE}).")
  double loadShare;

  @Option(
      names = "--flag-fetch-seconds",
      defaultValue = "5",
      description =
          "How often the aggregator fetches flags, so how long a switch waits (default: ${DEFAULT-VALUE}, the stack's).")
  int flagFetchSeconds;

  /** The paths in the order the slices take them. */
  private static final List<ReadPath> ORDER = List.of(ReadPath.LEGACY, ReadPath.SHADOW_SPLIT);

  /** The processes whose busy cores each slice prints, in order. */
  private static final List<String> CORES =
      List.of(
          "benchmark",
          LocalStack.AGGREGATOR,
          LocalStack.INFLIGHT,
          LocalStack.POSTFLIGHT,
          CpuClock.OTHER,
          CpuClock.MACHINE);

  public static void main(String[] args) {
    System.exit(BenchmarkProgram.execute(new ShadowLatency(), args));
  }

  @Override
  public List<String> smokeArgs() {
    return List.of(
        "--clients=2 --warm-up-seconds=0 --seconds=1 --slice-seconds=1 --settle-ms=0 --flag-fetch-seconds=1"
            .split(" "));
  }

  @Override
  public Integer call() throws Exception {
    if (clients < 1
        || warmUp < 0
        || seconds < 1
        || sliceSeconds < 1
        || settleMs < 0
        || sampleRate < 0
        || sampleRate > 1
        || maxPerSecond < 1
        || flagFetchSeconds < 1
        || loadShare <= 0
        || loadShare > 1) {
      throw refusal(
          "need --clients, --seconds, --slice-seconds, --max-per-second, --flag-fetch-seconds >= 1,"
              + " --warm-up-seconds,"
              + " --settle-ms >= 0,"
              + " --sample-rate in [0, 1], --load-share in (0, 1]");
    }
    figures.clear();
    Path root = ProjectRoot.locate();
    StackPorts ports =
        new StackPorts(
            Ports.free(), Ports.free(), Ports.free(), Ports.free(), Ports.free(), Map.of());
    LocalStack stack =
        LocalStack.of(
            root,
            root.resolve("benchmarks/target/shadow-stack"),
            ports,
            Map.of(),
            Map.of(
                "flightdeck.shadow.sample-rate",
                Double.toString(sampleRate),
                "flightdeck.shadow.max-per-second",
                Integer.toString(maxPerSecond),
                PagingServers.FLAG_FETCH,
                flagFetchSeconds + "s"),
            Map.of(),
            inflightNodes.count());
    try {
      Endpoints endpoints = stack.up();
      UnleashAdmin admin =
          new UnleashAdmin(
              endpoints.unleash().apiUrl(), endpoints.unleash().adminToken(), "development");
      admin.provision();
      admin.switchEnvironment(Flags.READ_PATH, true);
      String account = LegacySeed.ACCOUNTS.get(0);
      Map<String, Long> pids = new LinkedHashMap<>();
      for (String service :
          List.of(LocalStack.INFLIGHT, LocalStack.POSTFLIGHT, LocalStack.AGGREGATOR)) {
        BenchmarkServers.pid(stack.servers().quarkusService(service).status(), service, pids);
      }
      CpuClock cpu = CpuClock.withBenchmark(pids);
      try (ShadowLoad load =
          new ShadowLoad(
              URI.create(
                  stack.url(LocalStack.AGGREGATOR)
                      + "/2010-04-01/Accounts/"
                      + account
                      + "/Calls.json"),
              new PublicListReaders.Account(account, LegacySeed.token(account)).authorization(),
              clients)) {
        measure(load, new PathSlices(admin, account, load, cpu));
      }
      figures.addAll(ServiceMemory.rss(pids));
      return 0;
    } finally {
      stack.down();
    }
  }

  /**
   * Both loads, sliced between the paths: each slice printed with the busy cores of the benchmark
   * (the load), the services and the whole machine, then each path's slices together; the figures
   * from the slices together.
   */
  private void measure(ShadowLoad load, PathSlices slices) throws Exception {
    System.out.printf(
        "shadow sample rate %.2f, at most %d candidates a second; %d closed-loop clients at"
            + " saturation, then a fixed rate of %.0f %% of legacy's saturation rate; the read path"
            + " moves every slice (%d s counted after its switch and %d ms settle; flags fetched"
            + " every %d s); %s%n",
        sampleRate,
        maxPerSecond,
        clients,
        loadShare * 100,
        sliceSeconds,
        settleMs,
        flagFetchSeconds,
        inflightNodes.described());
    System.out.printf(
        "%-14s %-11s %6s %9s %9s %9s %7s   busy cores: %s%n",
        "read path",
        "load",
        "slice",
        "req/s",
        "p50 ms",
        "p99 ms",
        "errors",
        String.join(" / ", CORES));
    Map<ReadPath, Answers.Result> saturated =
        sliced("saturation", slices, going -> load.run(clients, going));
    double rate = loadShare * saturated.get(ReadPath.LEGACY).rate();
    Map<ReadPath, Answers.Result> paced =
        sliced(Math.round(loadShare * 100) + " %", slices, going -> load.runAt(rate, going));
    String share = Math.round(loadShare * 100) + " % load";
    for (int percentile : List.of(50, 99)) {
      figures.add(served("served list p" + percentile + " at " + share, paced, percentile));
      figures.add(served("served list p" + percentile + " at saturation", saturated, percentile));
    }
  }

  /**
   * One load, run while {@code slices} moves the account between the paths (the warm-up's slices
   * first, not counted); prints every counted slice, then each path's slices together.
   */
  private Map<ReadPath, Answers.Result> sliced(
      String label, PathSlices slices, PathSlices.LoadWhile load) throws Exception {
    int warmUpSlices = 2 * (int) Math.ceil(warmUp / (2.0 * sliceSeconds));
    int counted = 2 * (int) Math.ceil((double) seconds / sliceSeconds);
    PathSlices.Run run =
        slices.during(
            load,
            ORDER,
            warmUpSlices,
            counted,
            Duration.ofSeconds(sliceSeconds),
            Duration.ofMillis(settleMs));
    List<PathSlices.Measured> measured = run.counted();
    Answers answers = run.answers();
    Map<String, List<Histogram>> bySlice = new LinkedHashMap<>();
    for (int i = 0; i < measured.size(); i++) {
      Answers.Slice slice = measured.get(i).slice();
      Answers.Result result = answers.over(List.of(slice), slice.path());
      System.out.print(
          result.line(slice.path(), label, String.valueOf(i + 1), measured.get(i).cores(), CORES));
      bySlice.computeIfAbsent(slice.path(), p -> new ArrayList<>()).add(result.latencies());
    }
    Map<ReadPath, Answers.Result> results = new EnumMap<>(ReadPath.class);
    for (ReadPath path : ORDER) {
      List<PathSlices.Measured> own =
          measured.stream().filter(m -> m.slice().path().equals(path.variantName())).toList();
      Answers.Result result =
          answers.over(own.stream().map(PathSlices.Measured::slice).toList(), path.variantName());
      results.put(path, result);
      System.out.print(
          result.line(path.variantName(), label, "all", PathSlices.meanCores(own), CORES)
              + result.stallsLine());
    }
    System.out.print(
        SlicePairs.lines(
            bySlice.getOrDefault(ReadPath.LEGACY.variantName(), List.of()),
            bySlice.getOrDefault(ReadPath.SHADOW_SPLIT.variantName(), List.of()),
            "shadow-split / legacy"));
    return results;
  }

  /** The shadowed path's percentile beside the unshadowed one's, every counted slice together. */
  private Figure served(String what, Map<ReadPath, Answers.Result> results, int percentile) {
    return Figure.beside(
        what + ", shadow-split at sample rate " + sampleRate + ", " + maxPerSecond + "/s at most",
        results.get(ReadPath.SHADOW_SPLIT).latencies().getValueAtPercentile(percentile) / 1000.0,
        "ms",
        "legacy, no shadow",
        results.get(ReadPath.LEGACY).latencies().getValueAtPercentile(percentile) / 1000.0);
  }
}
