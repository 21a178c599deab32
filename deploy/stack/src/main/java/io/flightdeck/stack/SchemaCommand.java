package io.flightdeck.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code schema apply SHARD|--all [--dry-run]}: post-flight's pending rolling migrations. */
@Command(
    name = "schema",
    mixinStandardHelpOptions = true,
    description = "The post-flight shards' schema.",
    subcommands = {SchemaCommand.Apply.class})
final class SchemaCommand extends CommandGroup {
  SchemaCommand() {
    super("apply SHARD|--all");
  }

  @Command(
      name = "apply",
      mixinStandardHelpOptions = true,
      description = {
        "Applies post-flight's pending rolling migrations to a shard, or to every shard one after the other "
            + "(POST /admin/v1/Shards/SHARD/SchemaChanges), and shows each step's progress: the replicas are "
            + "changed first without binary logging, a pivot makes a changed replica the primary (writes wait "
            + "for the switch, a fraction of a second), then the old primary is changed. A shard with no replica "
            + "is changed in place. A shard with nothing pending is reported and skipped.",
        "Exit code 0 only when every shard asked for is up to date; 1 when one is refused, fails or is not done "
            + "within --timeout (the shards after it are left as they are); 2 for bad usage."
      })
  static final class Apply implements Callable<Integer> {
    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    static final class Which {
      @Parameters(paramLabel = "SHARD", description = "The shard, e.g. shard-0.")
      String shard;

      @Option(names = "--all", description = "Every shard of the catalogue, one after the other.")
      boolean all;
    }

    @Option(
        names = "--dry-run",
        description = "Run the pre-checks and show the plan; change nothing.")
    boolean dryRun;

    @Mixin FollowOptions follow;

    @Override
    public Integer call() throws InterruptedException {
      PostflightAdmin admin = follow.admin();
      try {
        List<String> shards = which.all ? shards(admin) : List.of(which.shard);
        for (int i = 0; i < shards.size(); i++) {
          System.out.printf("[%d/%d] %s%n", i + 1, shards.size(), shards.get(i));
          if (apply(admin, shards.get(i), System.out, System.err) != 0) {
            return 1;
          }
        }
        return 0;
      } catch (PostflightAdmin.Refused e) {
        return PivotCommand.refused(e, System.err);
      }
    }

    private int apply(PostflightAdmin admin, String shard, PrintStream out, PrintStream err)
        throws InterruptedException {
      String path = "/admin/v1/Shards/" + URLEncoder.encode(shard, StandardCharsets.UTF_8);
      JsonNode schema = admin.get(path + "/Schema");
      if (!schema.path("pending").asBoolean(false)) {
        out.printf("  up to date: %s%n", versions(schema));
        return 0;
      }
      out.printf("  pending: %s%n", versions(schema));
      JsonNode operation = admin.post(path + "/SchemaChanges", "{\"dry_run\": " + dryRun + "}");
      out.printf(
          "  %sschema change %s of %s%n",
          dryRun ? "Dry run of a " : "", operation.path("id").asText(), shard);
      return new OperationProgress(admin, path + "/SchemaChanges", "Schema change")
          .follow(operation, follow.timeout, out, err);
    }

    private static List<String> shards(PostflightAdmin admin) {
      List<String> ids = new ArrayList<>();
      for (JsonNode shard : admin.get("/admin/v1/Shards")) {
        ids.add(shard.path("id").asText());
      }
      return ids;
    }

    /** {@code name at V (pending: W rolling, …)} for each server. */
    static String versions(JsonNode schema) {
      List<String> servers = new ArrayList<>();
      for (JsonNode server : schema.path("servers")) {
        List<String> pending = new ArrayList<>();
        for (JsonNode migration : server.path("pending_migrations")) {
          pending.add(
              migration.path("version").asText()
                  + (migration.path("rolling").asBoolean(false) ? " rolling" : ""));
        }
        servers.add(
            server.path("name").asText()
                + (server.hasNonNull("error")
                    ? " unreadable (" + server.path("error").asText() + ")"
                    : " at "
                        + server.path("version").asText()
                        + (pending.isEmpty()
                            ? ""
                            : " (pending: " + String.join(", ", pending) + ")")));
      }
      return String.join("; ", servers);
    }
  }
}
