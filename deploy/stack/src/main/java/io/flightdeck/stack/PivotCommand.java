package io.flightdeck.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pivot SHARD [--to NAME] [--status] [--force]}: the planned promotion of a replica to a
 * shard's primary through postflight-service's admin API, or with {@code --status} its pre-checks
 * only.
 */
@Command(
    name = "pivot",
    mixinStandardHelpOptions = true,
    description = {
      "Promotes a replica of the post-flight shard SHARD to its primary (POST /admin/v1/Shards/SHARD/Pivots) and "
          + "shows each step's progress: pre-checks, the old primary set read_only (writes wait), the candidate "
          + "catches up, is promoted, the topology follows, the others replicate from it, writes resume. Exit code "
          + "0 only when the new primary takes writes; 1 when refused (each failed pre-check printed), failed or "
          + "not done within --timeout; 2 for bad usage.",
      "With --status it only runs the pre-checks (GET /admin/v1/Shards/SHARD/PivotStatus), prints each as PASS "
          + "or FAIL with its reason, and exits 0 only when every one passes."
    })
final class PivotCommand implements Callable<Integer> {
  @Parameters(paramLabel = "SHARD", description = "The shard, e.g. shard-0.")
  String shard;

  @Option(
      names = "--to",
      paramLabel = "NAME",
      description = "The replica to promote. Default: the one postflight-service chooses.")
  String to;

  @Option(
      names = "--status",
      description =
          "Only show the pre-checks (with --force: those of a forced failover); change nothing.")
  boolean status;

  @Option(
      names = "--force",
      description =
          "Forced failover: skip the checks that need the old primary. Refused unless the primary is "
              + "unreachable; says which writes may be lost.")
  boolean force;

  @Mixin FollowOptions follow;

  @Override
  public Integer call() throws InterruptedException {
    PostflightAdmin admin = follow.admin();
    String path = "/admin/v1/Shards/" + encode(shard);
    try {
      if (status) {
        JsonNode checks = admin.get(statusPath(shard, to, force));
        boolean ready = checks.path("ready").asBoolean(false);
        System.out.printf(
            "Pivot of %s to %s: %s%n",
            shard,
            checks.path("candidate").asText(to == null ? "(no candidate)" : to),
            ready ? "ready" : "NOT ready");
        checkLines(checks.path("checks")).forEach(System.out::println);
        return ready ? 0 : 1;
      }
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      if (to != null) {
        body.put("to", to);
      }
      body.put("force", force);
      JsonNode operation = admin.post(path + "/Pivots", body.toString());
      System.out.printf(
          "%s %s of %s%s%n",
          force ? "Forced pivot" : "Pivot",
          operation.path("id").asText(),
          shard,
          to == null ? "" : " to " + to);
      return new OperationProgress(admin, path + "/Pivots", "Pivot")
          .follow(operation, follow.timeout, System.out, System.err);
    } catch (PostflightAdmin.Refused e) {
      return refused(e, System.err);
    }
  }

  /** Where the pre-checks are: {@code to} may be null; {@code force} judges a forced failover. */
  static String statusPath(String shard, String to, boolean force) {
    String query = (to == null ? "" : "&to=" + encode(to)) + (force ? "&force=true" : "");
    return "/admin/v1/Shards/" + encode(shard) + "/PivotStatus" + query.replaceFirst("^&", "?");
  }

  /** A refusal's message, then each pre-check it names (a 409 lists them, as PivotStatus does). */
  static int refused(PostflightAdmin.Refused e, PrintStream err) {
    err.println("flightdeck: refused (" + e.status + "): " + e.getMessage());
    if (e.body != null) {
      checkLines(e.body.path("checks")).forEach(err::println);
    }
    return 1;
  }

  /** {@code PASS|FAIL <name> <reason>}, one line per check, the names aligned. */
  static List<String> checkLines(JsonNode checks) {
    int width = 0;
    for (JsonNode check : checks) {
      width = Math.max(width, check.path("name").asText().length());
    }
    List<String> lines = new ArrayList<>();
    for (JsonNode check : checks) {
      lines.add(
          String.format(
                  "  %s  %-" + Math.max(width, 1) + "s  %s",
                  check.path("passed").asBoolean(false) ? "PASS" : "FAIL",
                  check.path("name").asText(),
                  check.path("reason").asText(""))
              .stripTrailing());
    }
    return lines;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
