package io.flightdeck.benchmarks;

import io.flightdeck.servers.Ports;
import io.flightdeck.servers.ProjectRoot;
import io.flightdeck.servers.ServerSet;
import io.flightdeck.stack.InflightNodes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * inflight-service on one in-flight write node, then on two, under the same load in one run; then
 * one of the two nodes killed under a load of creates. Both services run from the same fast-jar
 * beside each other, each with its own slot map: one configured with {@code inflight-0} alone, one
 * with {@code inflight-0} and {@code inflight-1}. State in {@code benchmarks/target/write-nodes/},
 * wiped at every start and stopped at the end.
 */
@Command(
    name = "write-nodes",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description =
        "Creates and transitions per second on one in-flight node and on two, then a node killed under"
            + " creates: the create p99 in the seconds after, and how long creates still failed.")
public final class WriteNodes extends BenchmarkCommand {
  private static final String ONE = "inflight-service-one-node";
  private static final String TWO = "inflight-service-two-nodes";

  @Option(
      names = "--producers",
      defaultValue = "16",
      description = "Concurrent producers, one request in flight each (default: ${DEFAULT-VALUE}).")
  int producers;

  @Option(
      names = "--warm-up-seconds",
      defaultValue = "5",
      description = "Per phase, run but not measured (default: ${DEFAULT-VALUE}).")
  int warmUp;

  @Option(
      names = "--seconds",
      defaultValue = "20",
      description = "Per phase, the measured window (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(
      names = "--after-kill-seconds",
      defaultValue = "5",
      description =
          "The window after the node's kill the create p99 is taken over (default: ${DEFAULT-VALUE}).")
  int afterKill;

  @Option(
      names = "--rounds",
      defaultValue = "2",
      description =
          "One node, two nodes, alternating: the figures are the last round's, the first warms both"
              + " services and stores up (default: ${DEFAULT-VALUE}).")
  int rounds;

  public static void main(String[] args) {
    System.exit(BenchmarkProgram.execute(new WriteNodes(), args));
  }

  @Override
  public List<String> smokeArgs() {
    return List.of(
        "--producers=2",
        "--warm-up-seconds=1",
        "--seconds=1",
        "--after-kill-seconds=1",
        "--rounds=1");
  }

  @Override
  public Integer call() throws Exception {
    if (producers < 1 || warmUp < 0 || seconds < 1 || afterKill < 1 || rounds < 1) {
      throw refusal(
          "need --producers, --seconds, --after-kill-seconds, --rounds >= 1, --warm-up-seconds >= 0");
    }
    figures.clear();
    Path root = ProjectRoot.locate();
    Path jar = root.resolve("inflight-service/target/quarkus-app/quarkus-run.jar");
    ServerSet servers =
        ServerSet.builder(root.resolve("benchmarks/target/write-nodes"))
            .mariaDb("inflight-0", "inflight-1", "control")
            .kafka()
            .quarkusService(ONE, jar, service(1, "inflight_control_one"))
            .quarkusService(TWO, jar, service(2, "inflight_control_two"))
            .port(ONE, Ports.free())
            .port(TWO, Ports.free())
            .build();
    try (RunningServers<ServerSet> running = RunningServers.of(servers, servers::stop)) {
      System.out.printf(
          "Starting two in-flight MariaDB nodes, the control MariaDB, Kafka and inflight-service twice"
              + " (fresh state in benchmarks/target/write-nodes/) …%n");
      servers.wipe();
      servers.start();
      String one = servers.quarkusService(ONE).url();
      String two = servers.quarkusService(TWO).url();
      System.out.printf(
          "%d producers, each creating calls and moving them ringing → in-progress → completed%n",
          producers);
      System.out.printf(
          "%-6s %-6s %10s %14s %14s %14s %14s %14s %7s%n",
          "round",
          "nodes",
          "creates/s",
          "transitions/s",
          "create p50 ms",
          "create p99 ms",
          "move p50 ms",
          "move p99 ms",
          "errors");
      NodeLoad.Result onOne = null;
      NodeLoad.Result onTwo = null;
      for (int round = 1; round <= rounds; round++) {
        onOne = new NodeLoad(one).journeys(producers, warmUp, seconds);
        onOne.print(round + "", "1", System.out);
        onTwo = new NodeLoad(two).journeys(producers, warmUp, seconds);
        onTwo.print(round + "", "2", System.out);
      }
      NodeLoad.Kill kill =
          new NodeLoad(two)
              .createsThroughAKill(
                  producers, warmUp, afterKill, () -> servers.kill("mariadb-inflight-1"));
      servers.start("mariadb-inflight-1");
      System.out.printf(
          "mariadb-inflight-1 killed under creates (2 nodes): in the %d s after, %d creates answered"
              + " 2xx, p99 %.1f ms (before the kill: p99 %.1f ms); %d creates failed, the last %d ms"
              + " after the kill (the time until creates no longer went to the dead node)%n",
          afterKill,
          kill.createdAfter(),
          kill.p99AfterMillis(),
          kill.p99BeforeMillis(),
          kill.failed(),
          kill.lastFailureMillis());
      figures.add(
          Figure.beside(
              "creates+transitions/s on 2 nodes",
              onTwo.operationsPerSecond(),
              "ops/s",
              "on 1 node",
              onOne.operationsPerSecond()));
      figures.add(
          Figure.beside(
              "create p99 in the " + afterKill + " s after a node's kill",
              kill.p99AfterMillis(),
              "ms",
              "before the kill",
              kill.p99BeforeMillis()));
      figures.add(
          Figure.of("creates still failing after a node's kill", kill.lastFailureMillis(), "ms"));
    }
    return 0;
  }

  /** The stack's properties for {@code nodes} nodes, with a slot map of its own. */
  private static Map<String, String> service(int nodes, String controlDatabase) {
    Map<String, String> properties = new TreeMap<>(InflightNodes.serviceProperties(nodes));
    properties.put("flightdeck.inflight.control.database", controlDatabase);
    return properties;
  }
}
