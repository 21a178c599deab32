package io.flightdeck.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code split SOURCE --into TARGET [--range START-END] [--account AC…] [--dry-run]}: a shard split
 * through postflight-service's admin API ({@code POST /admin/v1/ShardSplits}), the target's server
 * added first when the catalogue lacks it, then followed step by step.
 */
@Command(
    name = "split",
    defaultValueProvider = FollowOptions.LongerTimeout.class,
    mixinStandardHelpOptions = true,
    description = {
      "Splits the post-flight shard SOURCE: moves key ranges (or accounts) to TARGET, adding TARGET's MariaDB "
          + "server first (as 'shard add') when the catalogue lacks it, and shows each step's progress.",
      "A dry run runs every pre-check and shows the plan; it changes nothing. Exit code 0 when the split (or "
          + "dry run) completed; 1 when it is refused, fails, or is not done within --timeout, with the failing "
          + "step and its reason; 2 for bad usage."
    })
final class SplitCommand implements Callable<Integer> {
  @Parameters(paramLabel = "SOURCE", description = "The shard to split, e.g. shard-1.")
  String source;

  @Option(names = "--into", required = true, paramLabel = "TARGET", description = "The new shard.")
  String target;

  @Option(
      names = "--range",
      paramLabel = "START-END",
      description =
          "A key range to move, 16 hex digits each, END empty for the keyspace's end (repeatable). Default: the "
              + "upper half of the source's range.")
  List<String> ranges = new ArrayList<>();

  @Option(
      names = "--account",
      paramLabel = "AC…",
      description = "An account to move on its own, through an override (repeatable).")
  List<String> accounts = new ArrayList<>();

  @Option(names = "--dry-run", description = "Check everything and show the plan; change nothing.")
  boolean dryRun;

  @Mixin FollowOptions follow;

  @Override
  public Integer call() throws InterruptedException {
    PostflightAdmin admin = follow.admin();
    try {
      if (!dryRun && !known(admin, target)) {
        int added = ShardCommand.add(target, follow.postflight.url);
        if (added != 0) {
          return added;
        }
      }
      ObjectMapper json = new ObjectMapper();
      ObjectNode body = json.createObjectNode().put("source", source).put("target", target);
      ranges.forEach(body.putArray("ranges")::add);
      accounts.forEach(body.putArray("accounts")::add);
      body.put("dry_run", dryRun);
      JsonNode status = admin.post("/admin/v1/ShardSplits", body.toString());
      System.out.printf(
          "%s %s: %s into %s; point of no return: %s%n",
          dryRun ? "Dry run of split" : "Split",
          status.path("id").asText(),
          source,
          target,
          status.path("point_of_no_return").asText());
      return new OperationProgress(admin, "/admin/v1/ShardSplits", dryRun ? "Dry run" : "Split")
          .follow(status, follow.timeout, System.out, System.err);
    } catch (PostflightAdmin.Refused e) {
      System.err.println("flightdeck: refused (" + e.status + "): " + e.getMessage());
      return 1;
    }
  }

  private static boolean known(PostflightAdmin admin, String shard) {
    for (JsonNode s : admin.get("/admin/v1/Shards")) {
      if (s.path("id").asText().equals(shard)) {
        return true;
      }
    }
    return false;
  }
}
