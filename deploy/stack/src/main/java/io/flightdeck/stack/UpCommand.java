package io.flightdeck.stack;

import io.flightdeck.servers.Endpoints;
import io.flightdeck.servers.ServerStartException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code up}: starts what does not run yet, then prints where everything is. */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Starts the servers (in parallel), then the three services (in parallel), and prints every URL. "
          + "Returns once every service is ready (/q/health/ready answers 200), not merely live. "
          + "What runs already is reused. If a part fails to start, what this call started is stopped again "
          + "and the exit code is 1.",
      "The first start unpacks MariaDB and PostgreSQL and installs Unleash's Node package; later starts take seconds."
    })
final class UpCommand implements Callable<Integer> {

  @Mixin PortOptions ports;

  @Option(
      names = "--demo",
      description =
          "Then create two demo accounts through the aggregator's admin API and a few calls for each through inflight-service's "
              + "internal API, and print the public API commands, with the accounts' credentials, that list them. Idempotent.")
  boolean demo;

  @Option(
      names = "--inflight-nodes",
      paramLabel = "N",
      description =
          "How many in-flight MariaDB nodes the stack runs (mariadb-inflight-0 to mariadb-inflight-<N-1>), 1 to "
              + InflightNodes.MAX
              + ". Remembered in the state folder: later commands keep the count. A count below the remembered one "
              + "is refused (the records on the dropped nodes would be unreachable) until 'down --wipe'. "
              + "Default: the remembered count, else "
              + InflightNodes.STACK_DEFAULT
              + ".")
  Integer inflightNodes;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    LocalStack stack = stack();
    try (StackLock lock = StackLock.acquire(stack.stateFolder())) {
      return up(stack);
    }
  }

  private int up(LocalStack stack) {
    System.err.println("Starting Flightdeck; state, data and logs in " + stack.stateFolder());
    long begin = System.nanoTime();
    Thread interruptionNotice =
        new Thread(
            () ->
                System.err.println(
                    "Interrupted: what had started keeps running; 'deploy/flightdeck down' stops it."));
    Runtime.getRuntime().addShutdownHook(interruptionNotice);
    Endpoints endpoints;
    try {
      endpoints = stack.up();
    } catch (ServerStartException e) {
      System.err.println("flightdeck: " + e.getMessage());
      for (Throwable other : e.getSuppressed()) {
        System.err.println("  also: " + other.getMessage().lines().findFirst().orElse(""));
      }
      System.err.println(
          "What this 'up' started has been stopped again; what ran before it keeps running.");
      return 1;
    } finally {
      Runtime.getRuntime().removeShutdownHook(interruptionNotice);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - begin);
    new StackGuide(stack, endpoints).print(System.out, took);
    if (InflightNodeCount.in(stack.stateFolder()).retiredSingleStore().isPresent()) {
      System.err.println(
          "Note: "
              + stack.stateFolder().resolve("mariadb-inflight")
              + " holds the single in-flight store of an earlier version; nothing reads it now. 'deploy/flightdeck down --wipe' deletes it with every store's data.");
    }
    if (demo) {
      new DemoCalls(
              stack.url(LocalStack.INFLIGHT), stack.url(LocalStack.AGGREGATOR), stack.stateFolder())
          .createAndPrint(System.out);
    }
    return 0;
  }

  private LocalStack stack() {
    try {
      return inflightNodes == null
          ? LocalStack.of(Flightdeck.projectRoot(), ports.ports())
          : LocalStack.of(Flightdeck.projectRoot(), ports.ports(), inflightNodes);
    } catch (TypeConversionException | IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
