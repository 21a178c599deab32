package io.flightdeck.stack;

import io.flightdeck.servers.ServerStatus;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code down}: stops the services, then the servers; {@code --wipe} also deletes their state. */
@Command(
    name = "down",
    mixinStandardHelpOptions = true,
    description =
        "Stops the services, then the servers, and waits until no process of the stack is left.")
final class DownCommand implements Callable<Integer> {

  @Option(
      names = "--wipe",
      description =
          "Also delete every server's data, logs and remembered ports, and forget the shards and "
              + "replicas added to the stack (the unpacked binaries in .flightdeck/bin/ are kept).")
  boolean wipe;

  @Override
  public Integer call() {
    long begin = System.nanoTime();
    LocalStack stack = LocalStack.of(Flightdeck.projectRoot(), StackPorts.defaults());
    try (StackLock lock = StackLock.acquire(stack.stateFolder())) {
      return down(stack, begin);
    }
  }

  private int down(LocalStack stack, long begin) {
    List<String> running =
        stack.status().stream().filter(ServerStatus::running).map(ServerStatus::name).toList();
    if (!running.isEmpty()) {
      System.err.println("Stopping " + String.join(", ", running) + " ...");
    }
    if (wipe) {
      stack.wipe();
    } else {
      stack.down();
    }
    String seconds = String.format("%.1f", (System.nanoTime() - begin) / 1e9);
    System.out.println(
        running.isEmpty() ? "Nothing was running." : "Flightdeck is down (" + seconds + " s).");
    if (wipe) {
      System.out.println(
          "Deleted the state in " + stack.stateFolder() + " (kept the binary cache in bin/).");
    }
    return 0;
  }
}
