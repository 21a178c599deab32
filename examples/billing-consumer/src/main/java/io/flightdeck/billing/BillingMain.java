package io.flightdeck.billing;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar quarkus-run.jar [--from <instant>]}: consumes {@code records.completed} until
 * stopped. {@code --from} replays: on start, each partition is read again from the first event at
 * or after that instant (the broker's offsets-for-times); what was charged already charges nothing.
 */
@QuarkusMain
@Command(
    name = "billing-consumer",
    mixinStandardHelpOptions = true,
    description =
        "Charges every completed record of records.completed once, keeping per-account totals.")
public class BillingMain implements Callable<Integer> {
  /** The configuration key {@code --from} sets; {@link ReplayFrom} reads it. */
  static final String REPLAY_FROM = "flightdeck.billing.replay-from";

  @Option(
      names = "--from",
      description = "replay from this instant (ISO-8601, e.g. 2026-11-23T00:00:00Z)")
  Instant from;

  public static void main(String[] args) {
    BillingMain options = new BillingMain();
    CommandLine line = new CommandLine(options);
    int parsed = line.execute(args);
    if (parsed != 0 || line.isUsageHelpRequested() || line.isVersionHelpRequested()) {
      System.exit(parsed);
    }
    // Set before Quarkus starts, so the consumer's first assignment already sees it.
    if (options.from != null) {
      System.setProperty(REPLAY_FROM, options.from.toString());
    }
    Quarkus.run(Consumer.class, args);
  }

  @Override
  public Integer call() {
    return 0;
  }

  /**
   * The running application: the messaging channel does the work; this waits for the stop signal.
   */
  public static class Consumer implements QuarkusApplication {
    @Override
    public int run(String... args) {
      Quarkus.waitForExit();
      return 0;
    }
  }
}
