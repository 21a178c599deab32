package io.flightdeck.stack;

import io.flightdeck.servers.ServerStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code status}: one line per server and service, read from the state folder and the process
 * table; then the post-flight shards with their replicas' lag, from postflight-service's topology
 * when it answers, else the replicas the launcher knows.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "Shows each server and service: running or stopped, pid, port, log file; then each post-flight shard's "
            + "primary and replicas with their lag (from postflight-service). "
            + "Exit code 0 when everything runs, 3 otherwise.")
final class StatusCommand implements Callable<Integer> {

  @Mixin PostflightUrl postflight;

  @Override
  public Integer call() {
    LocalStack stack = LocalStack.of(Flightdeck.projectRoot(), StackPorts.defaults());
    List<ServerStatus> parts = stack.status();
    System.out.println(line("NAME", "STATE", "PID", "PORT", "LOG"));
    for (ServerStatus part : parts) {
      System.out.println(
          line(
              part.name(),
              part.running() ? "running" : "stopped",
              part.pid().isPresent() ? String.valueOf(part.pid().getAsLong()) : "-",
              part.port().isPresent() ? String.valueOf(part.port().getAsInt()) : "-",
              part.logFile().toString()));
    }
    System.out.println();
    shards(stack, parts).forEach(System.out::println);
    long running = parts.stream().filter(ServerStatus::running).count();
    System.out.println();
    System.out.println(
        running == parts.size()
            ? "Everything runs."
            : running
                + " of "
                + parts.size()
                + " running; 'deploy/flightdeck up' starts the rest.");
    return running == parts.size() ? 0 : Flightdeck.NOT_RUNNING;
  }

  /** The topology's lines; when postflight-service does not answer, what the launcher knows. */
  private List<String> shards(LocalStack stack, List<ServerStatus> parts) {
    List<String> lines = new ArrayList<>();
    try {
      Topology topology =
          new Topology(new PostflightAdmin(postflight.url).get("/admin/v1/Topology"));
      lines.add("Post-flight shards (postflight-service's topology):");
      lines.addAll(topology.lines());
      return lines;
    } catch (PostflightAdmin.Refused | IllegalStateException e) {
      // Unreachable, restarting, or without a topology API: the launcher's own record still helps.
      lines.add("postflight-service does not show its topology: " + e.getMessage());
    }
    List<AddedServers.Added> replicas =
        AddedServers.in(stack.stateFolder()).all().stream()
            .filter(added -> added.replicaOf().isPresent())
            .toList();
    lines.add(
        "Replicas the launcher started (roles and lag unknown):"
            + (replicas.isEmpty() ? " none" : ""));
    for (AddedServers.Added replica : replicas) {
      String server = "mariadb-" + replica.name();
      boolean running = parts.stream().anyMatch(p -> p.name().equals(server) && p.running());
      lines.add(
          String.format(
              "  %s of %s: %s",
              server, replica.replicaOf().get(), running ? "running" : "stopped"));
    }
    return lines;
  }

  private static String line(String name, String state, String pid, String port, String log) {
    return String.format("%-20s %-8s %-8s %-6s %s", name, state, pid, port, log);
  }
}
