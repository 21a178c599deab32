package io.flightdeck.stack;

import io.flightdeck.servers.ProjectRoot;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/**
 * {@code deploy/flightdeck up | down | status}: the command line of the {@link LocalStack}. Exit
 * codes: 0 done (for {@code status}: everything runs), 1 failed (the message names what and its
 * log), 2 bad usage, 3 {@code status} found a part not running (or {@code legacy seed} did, and did
 * nothing).
 */
@Command(
    name = "flightdeck",
    mixinStandardHelpOptions = true,
    version = "Flightdeck local stack",
    description =
        "Runs Flightdeck on this machine: one MariaDB server per store, Kafka, PostgreSQL with Unleash, "
            + "and inflight-service, postflight-service and the aggregator, as background processes with their data "
            + "and logs in <project root>/.flightdeck/.",
    subcommands = {
      UpCommand.class,
      DownCommand.class,
      StatusCommand.class,
      KafkaConsoleConsumerCommand.class,
      PartitionsCommand.class,
      ShardCommand.class,
      SplitCommand.class,
      ReplicaCommand.class,
      PivotCommand.class,
      SchemaCommand.class,
      MigrateCommand.class,
      LegacyCommand.class,
      HelpCommand.class
    },
    footer = {
      "",
      "Run 'deploy/flightdeck help <command>' for a command's options (the port flags are on 'up')."
    })
public final class Flightdeck extends CommandGroup {

  /**
   * Exit code of {@code status} when a server or service does not run, and of {@code legacy seed},
   * which needs them all.
   */
  static final int NOT_RUNNING = 3;

  /** The root command, for {@link CommandLine}; {@link #main} runs it. */
  public Flightdeck() {
    super("up, down or status");
  }

  public static void main(String[] args) {
    // The launcher reports each start and stop through java.util.logging: one plain line each.
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty("java.util.logging.SimpleFormatter.format", "  %5$s%6$s%n");
    }
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    return new CommandLine(new Flightdeck())
        .setExecutionExceptionHandler(
            (error, commandLine, parseResult) -> {
              // Messages here name what failed (and, for a server, its log); a trace would bury
              // that.
              commandLine
                  .getErr()
                  .println(
                      "flightdeck: "
                          + (error.getMessage() != null ? error.getMessage() : error.toString()));
              if (System.getenv("FLIGHTDECK_DEBUG") != null) {
                error.printStackTrace(commandLine.getErr());
              }
              return 1;
            });
  }

  /**
   * The project's root: {@code -Dflightdeck.home} (set by {@code deploy/flightdeck}), else the
   * folder holding {@code mvnw}.
   */
  static Path projectRoot() {
    return ProjectRoot.locate();
  }
}
