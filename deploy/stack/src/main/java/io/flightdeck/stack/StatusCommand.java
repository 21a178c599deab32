package io.flightdeck.stack;

import io.flightdeck.servers.ServerStatus;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code status}: one line per server and service, read from the state folder and the process
 * table.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "Shows each server and service: running or stopped, pid, port, log file. "
            + "Exit code 0 when everything runs, 3 otherwise.")
final class StatusCommand implements Callable<Integer> {

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

  private static String line(String name, String state, String pid, String port, String log) {
    return String.format("%-20s %-8s %-8s %-6s %s", name, state, pid, port, log);
  }
}
