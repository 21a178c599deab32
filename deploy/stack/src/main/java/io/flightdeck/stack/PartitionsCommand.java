package io.flightdeck.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code partitions}: the monthly partitions of every post-flight shard, or the retirement of old
 * months, through postflight-service's admin API ({@code GET /admin/v1/Partitions}, {@code POST
 * /admin/v1/PartitionRetirements}). A retirement is followed to its end; the exit code is 0 only
 * when every shard is done.
 */
@Command(
    name = "partitions",
    mixinStandardHelpOptions = true,
    description = {
      "Shows the months of every post-flight shard: per shard and table, the rows of each month, the months "
          + "kept ahead, the retention.",
      "With --retire-before, retires every month before the given one on every shard (drops their partitions) and "
          + "follows the operation: each shard's progress as it goes. Exit code 0 when every shard is done; 1 when the "
          + "retirement is refused (the reason is printed; nothing was dropped), fails, or is not done within --timeout "
          + "(it goes on in postflight-service); 2 for bad usage."
    })
final class PartitionsCommand implements Callable<Integer> {

  @Option(
      names = "--retire-before",
      paramLabel = "YYYY-MM",
      converter = MonthConverter.class,
      description = "Retire every month before this one (it is kept), on every shard.")
  YearMonth retireBefore;

  @Option(
      names = "--dry-run",
      description =
          "With --retire-before: check every shard and count exactly what would be dropped; drop nothing.")
  boolean dryRun;

  @Option(
      names = "--exact",
      description =
          "Count every month's rows (slow on large shards) instead of InnoDB's estimates.")
  boolean exact;

  @Mixin FollowOptions follow;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    if (dryRun && retireBefore == null) {
      throw new ParameterException(
          spec.commandLine(), "--dry-run goes with --retire-before YYYY-MM");
    }
    PostflightAdmin admin = follow.admin();
    try {
      if (retireBefore == null) {
        new PartitionTable(admin.get("/admin/v1/Partitions" + (exact ? "?Exact=true" : "")))
            .print(System.out);
        return 0;
      }
      return retire(admin);
    } catch (PostflightAdmin.Refused e) {
      System.err.println("flightdeck: refused (" + e.status + "): " + e.getMessage());
      return 1;
    }
  }

  private int retire(PostflightAdmin admin) throws InterruptedException {
    JsonNode status =
        admin.post(
            "/admin/v1/PartitionRetirements",
            "{\"before\": \"" + retireBefore + "\", \"dry_run\": " + dryRun + "}");
    System.out.printf(
        "%s %s: every month before %s, on %d shards%n",
        dryRun ? "Dry run of retirement" : "Retirement",
        status.path("id").asText(),
        retireBefore,
        status.path("steps_total").asInt());
    return new OperationProgress(
            admin, "/admin/v1/PartitionRetirements", dryRun ? "Dry run" : "Retirement")
        .follow(status, follow.timeout, System.out, System.err);
  }

  /** {@code YYYY-MM}, refused with a message naming the value. */
  static final class MonthConverter implements ITypeConverter<YearMonth> {
    @Override
    public YearMonth convert(String value) {
      try {
        return YearMonth.parse(value.strip());
      } catch (DateTimeParseException e) {
        throw new TypeConversionException("'" + value + "' is not a month, YYYY-MM (like 2025-03)");
      }
    }
  }
}
