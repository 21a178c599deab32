package io.flightdeck.stack;

import io.flightdeck.servers.ServerStatus;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code legacy seed}: accounts that live on the legacy combined store (DESIGN.md, "Migration").
 */
@Command(
    name = "legacy",
    mixinStandardHelpOptions = true,
    description = "The legacy combined store of the local stack.",
    subcommands = {LegacyCommand.Seed.class})
final class LegacyCommand extends CommandGroup {
  LegacyCommand() {
    super("seed");
  }

  @Command(
      name = "seed",
      mixinStandardHelpOptions = true,
      description = {
        "On the running stack: creates N accounts with API credentials (the aggregator's admin API), writes M finished "
            + "records for each (calls and messages spread over the last six months) and a few live ones (M/200, at "
            + "least one) into the legacy combined store, and puts each account's read-path and write-path flags on "
            + "legacy in Unleash.",
        "Prints one AC…:token line per account on stdout once that account is complete (HTTP Basic credentials of "
            + "the public API); progress on stderr. Every run makes new accounts. Exit code 0 when every account is "
            + "complete, 1 when something failed (the accounts printed until then are complete), 2 for bad usage, 3 "
            + "when the stack is not running."
      })
  static final class Seed implements Callable<Integer> {
    static final int MAX_ACCOUNTS = 10_000;
    static final int MAX_RECORDS = 10_000_000;

    @Option(
        names = "--accounts",
        paramLabel = "N",
        required = true,
        description = "How many accounts, 1 to " + MAX_ACCOUNTS + ".")
    int accounts;

    @Option(
        names = "--records",
        paramLabel = "M",
        required = true,
        description = "Finished records per account, 0 to " + MAX_RECORDS + ".")
    int records;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      if (accounts < 1 || accounts > MAX_ACCOUNTS) {
        throw new ParameterException(
            spec.commandLine(), "--accounts must be 1 to " + MAX_ACCOUNTS + ", got " + accounts);
      }
      if (records < 0 || records > MAX_RECORDS) {
        throw new ParameterException(
            spec.commandLine(), "--records must be 0 to " + MAX_RECORDS + ", got " + records);
      }
      LocalStack stack = LocalStack.of(Flightdeck.projectRoot(), StackPorts.defaults());
      return seed(stack, accounts, records, System.out, System.err);
    }
  }

  /**
   * Seeds the stack's legacy store ({@link LegacyAccounts}) unless a part of it does not run.
   *
   * @return 0 once every account is complete, {@link Flightdeck#NOT_RUNNING} when a part of the
   *     stack does not run (nothing done)
   * @throws IllegalStateException naming what failed midway
   */
  static int seed(LocalStack stack, int accounts, int records, PrintStream out, PrintStream err) {
    List<ServerStatus> parts = stack.status();
    List<String> stopped =
        parts.stream().filter(part -> !part.running()).map(ServerStatus::name).toList();
    if (!stopped.isEmpty()) {
      err.println(
          "flightdeck: the stack is not running"
              + (stopped.size() == parts.size()
                  ? ""
                  : " (" + String.join(", ", stopped) + " stopped)")
              + "; 'deploy/flightdeck up' starts it, then run 'legacy seed' again.");
      return Flightdeck.NOT_RUNNING;
    }
    new LegacyAccounts(stack).seed(accounts, records, out, err);
    return 0;
  }
}
