package io.flightdeck.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code migrate AC… [AC…] [--all-legacy] [--dry-run]}: moves accounts from the legacy combined
 * store to the split design through postflight-service's admin API ({@code POST
 * /admin/v1/Migrations}), then follows the steps; exit 0 only when every account reads and writes
 * on {@code split}.
 */
@Command(
    name = "migrate",
    defaultValueProvider = FollowOptions.LongerTimeout.class,
    mixinStandardHelpOptions = true,
    description = {
      "Migrates accounts from the legacy combined store: backfill, writes dual, drain, catch-up, verify, reads"
          + " shadowed, watch, then writes and reads on split; shows each step's progress and, at the end, each"
          + " account's rows copied and verified and its flags.",
      "A dry run checks everything (flags, stores) and changes nothing. Exit code 0 when every account reads and"
          + " writes on split (a dry run: when it completed); 1 when refused, rolled back, stopped, or not done"
          + " within --timeout; 2 for bad usage. Roll back: POST /admin/v1/Migrations/<id>/Rollback."
    })
final class MigrateCommand implements Callable<Integer> {
  private static final String PATH = "/admin/v1/Migrations";

  @Parameters(paramLabel = "AC…", arity = "0..*", description = "The accounts to migrate.")
  List<String> accounts = new ArrayList<>();

  @Option(
      names = "--all-legacy",
      description = "Also every account whose write-path flag is legacy in Unleash.")
  boolean allLegacy;

  @Option(names = "--dry-run", description = "Check everything and show the plan; change nothing.")
  boolean dryRun;

  @Mixin FollowOptions follow;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    if (accounts.isEmpty() && !allLegacy) {
      throw new ParameterException(
          spec.commandLine(), "Name the accounts to migrate (AC…), or give --all-legacy");
    }
    PostflightAdmin admin = follow.admin();
    try {
      ObjectNode body = new ObjectMapper().createObjectNode();
      accounts.forEach(body.putArray("accounts")::add);
      body.put("all_legacy", allLegacy).put("dry_run", dryRun);
      JsonNode status = admin.post(PATH, body.toString());
      List<String> named = new ArrayList<>();
      status.path("accounts").forEach(a -> named.add(a.path("account_sid").asText()));
      System.out.printf(
          "%s %s: %s%n",
          dryRun ? "Dry run of migration" : "Migration", status.path("id").asText(), named);
      int followed =
          new OperationProgress(admin, PATH, dryRun ? "Dry run" : "Migration")
              .follow(status, follow.timeout, System.out, System.err);
      JsonNode last = admin.get(PATH + "/" + status.path("id").asText());
      return onSplit(last, System.out) || (dryRun && followed == 0) ? 0 : 1;
    } catch (PostflightAdmin.Refused e) {
      System.err.println("flightdeck: refused (" + e.status + "): " + e.getMessage());
      return 1;
    }
  }

  /** Prints each account's line; whether every one writes and reads on split. */
  static boolean onSplit(JsonNode status, PrintStream out) {
    boolean all = status.path("accounts").size() > 0;
    for (JsonNode account : status.path("accounts")) {
      String write = account.path("flags").path("write_path").asText();
      String read = account.path("flags").path("read_path").asText();
      all &= write.equals("split") && read.equals("split");
      out.printf(
          "  %s  %-12s rows copied %d, verified %d, mismatches %d; write-path %s, read-path %s%s%n",
          account.path("account_sid").asText(),
          account.path("step").asText(),
          account.path("rows_copied").asLong(),
          account.path("rows_verified").asLong(),
          account.path("mismatches").size(),
          write,
          read,
          account.path("note").isTextual() ? " (" + account.path("note").asText() + ")" : "");
    }
    return all;
  }
}
