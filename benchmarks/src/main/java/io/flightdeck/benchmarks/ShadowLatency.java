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
 * account lists its calls from {@code --clients} concurrent clients, first on {@code read-path =
 * legacy} (no shadow), then on {@code shadow-split} (served from legacy, split read and compared in
 * the background), alternating for {@code --rounds}. The whole local stack runs (split stores
 * included, so the candidate does real work), in {@code benchmarks/target/shadow-stack/}, stopped
 * at the end.
 */
@Command(
    name = "shadow-latency",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Starts the whole local stack, lists a legacy account's calls from concurrent clients with its "
            + "read path on legacy, then on shadow-split, alternating; prints req/s and latency of each, stops the stack.")
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
      description = "Per phase, run but not measured (default: ${DEFAULT-VALUE}).")
  int warmUp;

  @Option(
      names = "--seconds",
      defaultValue = "20",
      description = "Per phase, the measured window (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(
      names = "--sample-rate",
      defaultValue = "0.1",
      description =
          "flightdeck.shadow.sample-rate of the aggregator: the service's default (default: ${DEFAULT-VALUE}).")
  double sampleRate;

  @Option(
      names = "--max-per-second",
      defaultValue = "5",
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
      names = "--rounds",
      defaultValue = "3",
      description =
          "legacy, shadow-split pairs, in turns of order; the figures merge the last two rounds (default: ${DEFAULT-VALUE}).")
  int rounds;

  /** The processes whose busy cores each phase prints, in order. */
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
    return List.of("--clients=2", "--warm-up-seconds=1", "--seconds=1", "--rounds=1");
  }

  @Override
  public Integer call() throws Exception {
    if (clients < 1
        || warmUp < 0
        || seconds < 1
        || rounds < 1
        || sampleRate < 0
        || sampleRate > 1
        || maxPerSecond < 1
        || loadShare <= 0
        || loadShare > 1) {
      throw refusal(
          "need --clients, --seconds, --rounds, --max-per-second >= 1, --warm-up-seconds >= 0,"
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
                Integer.toString(maxPerSecond)),
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
      try (SpeedGauge speed = new SpeedGauge();
          ShadowLoad load =
              new ShadowLoad(
                  URI.create(
                      stack.url(LocalStack.AGGREGATOR)
                          + "/2010-04-01/Accounts/"
                          + account
                          + "/Calls.json"),
                  new PublicListReaders.Account(account, LegacySeed.token(account)).authorization(),
                  clients)) {
        measure(new Phases(admin, account, load, cpu, speed));
      }
      figures.addAll(ServiceMemory.rss(pids));
      return 0;
    } finally {
      stack.down();
    }
  }

  /**
   * The rounds, each phase printed with the busy cores of the benchmark (the load), the services
   * and the whole machine over its window; the figures from the last two rounds.
   */
  private void measure(Phases phases) throws Exception {
    System.out.printf(
        "shadow sample rate %.2f, at most %d candidates a second; %d closed-loop clients at"
            + " saturation, then a fixed rate of %.0f %% of the unshadowed saturation rate; %s%n",
        sampleRate, maxPerSecond, clients, loadShare * 100, inflightNodes.described());
    System.out.printf(
        "%-14s %-11s %6s %9s %9s %9s %7s %11s   busy cores: %s%n",
        "read path",
        "load",
        "round",
        "req/s",
        "p50 ms",
        "p99 ms",
        "errors",
        "speed µs",
        String.join(" / ", CORES));
    Map<ReadPath, ShadowLoad.Result> saturated = new EnumMap<>(ReadPath.class);
    Map<ReadPath, Histogram> saturatedLast = new EnumMap<>(ReadPath.class);
    Map<ReadPath, Histogram> pacedLast = new EnumMap<>(ReadPath.class);
    for (int round = 1; round <= rounds; round++) {
      // Each round runs the paths in the other order than the one before, and the figures merge
      // the last two rounds: whatever a phase inherits from the one before it (the heap, the
      // stores' caches, the JIT) falls on both paths alike.
      List<ReadPath> order =
          round % 2 == 1
              ? List.of(ReadPath.LEGACY, ReadPath.SHADOW_SPLIT)
              : List.of(ReadPath.SHADOW_SPLIT, ReadPath.LEGACY);
      boolean reported = round > rounds - 2;
      for (ReadPath path : order) {
        saturated.put(
            path,
            run(phases, path, "saturation", round, window -> phases.load().run(clients, window)));
        if (reported) {
          merge(saturatedLast, path, saturated.get(path));
        }
      }
      double rate = loadShare * saturated.get(ReadPath.LEGACY).rate();
      for (ReadPath path : order) {
        ShadowLoad.Result paced =
            run(
                phases,
                path,
                Math.round(loadShare * 100) + " %",
                round,
                window -> phases.load().runAt(rate, window));
        if (reported) {
          merge(pacedLast, path, paced);
        }
      }
    }
    for (int percentile : List.of(50, 99)) {
      figures.add(
          served(
              "served list p" + percentile + " at " + Math.round(loadShare * 100) + " % load",
              pacedLast,
              percentile));
      figures.add(
          served("served list p" + percentile + " at saturation", saturatedLast, percentile));
    }
  }

  /** One way of loading the list for a given time. */
  private interface LoadFor {
    ShadowLoad.Result run(Duration window) throws Exception;
  }

  /** What every phase uses: the flag's admin, the account read, the load, the clock, the gauge. */
  private record Phases(
      UnleashAdmin admin, String account, ShadowLoad load, CpuClock cpu, SpeedGauge speed) {}

  /**
   * One phase: the account moved to {@code path}, the load run for the warm-up and then for the
   * measured window; printed with the median time of the speed gauge's unit (longer: a slower
   * machine) and each process's busy cores over the window.
   */
  private ShadowLoad.Result run(Phases phases, ReadPath path, String label, int round, LoadFor load)
      throws Exception {
    phases.admin().assign(Flags.READ_PATH, path, phases.account());
    phases.load().awaitPath(path.variantName());
    load.run(Duration.ofSeconds(warmUp));
    CpuClock.Reading before = phases.cpu().read();
    ShadowLoad.Result result = load.run(Duration.ofSeconds(seconds));
    Map<String, Double> cores = phases.cpu().read().coresSince(before);
    String machine =
        phases.speed().mediansSince(before.nanoTime()) + "   " + CpuClock.listed(cores, CORES);
    return print(path, label, round, result, machine);
  }

  private static ShadowLoad.Result print(
      ReadPath path, String load, int round, ShadowLoad.Result result, String machine) {
    System.out.printf(
        "%-14s %-11s %6d %9.0f %9.2f %9.2f %7d %s%n%s",
        path.variantName(),
        load,
        round,
        result.rate(),
        result.latencies().getValueAtPercentile(50) / 1000.0,
        result.latencies().getValueAtPercentile(99) / 1000.0,
        result.errors(),
        machine,
        result.stallsLine());
    return result;
  }

  private static void merge(
      Map<ReadPath, Histogram> into, ReadPath path, ShadowLoad.Result result) {
    into.computeIfAbsent(path, p -> new Histogram(3)).add(result.latencies());
  }

  /** The shadowed path's percentile beside the unshadowed one's, the last two rounds merged. */
  private Figure served(String what, Map<ReadPath, Histogram> last, int percentile) {
    return Figure.beside(
        what + ", shadow-split at sample rate " + sampleRate + ", " + maxPerSecond + "/s at most",
        last.get(ReadPath.SHADOW_SPLIT).getValueAtPercentile(percentile) / 1000.0,
        "ms",
        "legacy, no shadow",
        last.get(ReadPath.LEGACY).getValueAtPercentile(percentile) / 1000.0);
  }
}
