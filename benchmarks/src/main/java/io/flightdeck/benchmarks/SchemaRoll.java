package io.flightdeck.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Issue 13's schema-change figures, run by {@link PivotUnderLoad} under its load: one rolling
 * migration (a column at the end of {@code calls} and an index, from a folder of the benchmark's
 * own that the service is started with) rolled over every shard through {@code POST
 * /admin/v1/Shards/{id}/SchemaChanges}, one shard after the other as {@code schema apply --all}
 * does: a shard with a replica by replica first and a pivot, one without in place. The time of the
 * whole roll, of each shard's change, and the write block of each pivot.
 */
final class SchemaRoll {
  private static final String MIGRATION =
      "ALTER TABLE calls ADD COLUMN bench_note VARCHAR(64) NULL,"
          + " ADD INDEX calls_by_account_bench_note (account_sid, bench_note);\n";

  private SchemaRoll() {}

  /**
   * Writes the migration under {@code benchmarks/target/} and returns the service setting that adds
   * it to the shard migrations, pending until rolled.
   */
  static Map<String, String> settings(Path projectRoot) {
    Path folder = projectRoot.resolve("benchmarks/target/schema-roll-migrations");
    try {
      Files.createDirectories(folder);
      Files.writeString(folder.resolve("V100__rolling_bench_add_calls_note.sql"), MIGRATION);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.of(
        "flightdeck.postflight.schema.locations",
        "classpath:db/shard,filesystem:" + folder.toAbsolutePath());
  }

  /** Rolls the change over every shard of the catalogue, reporting each; adds the figures. */
  static void roll(ServiceClient admin, Report report, List<Figure> figures) throws Exception {
    List<String> shards = new ArrayList<>();
    for (JsonNode shard : admin.get("/admin/v1/Shards")) {
      shards.add(shard.path("id").asText());
    }
    report.line("");
    report.line(
        "SCHEMA CHANGE rolled over every shard, one after the other (a column at the end of calls and an"
            + " index), under the same load");
    report.line(
        "  %-8s %-9s %9s %9s   %s",
        "shard",
        "how",
        "whole ms",
        "block ms",
        "ms changing the replicas / the old primary (in place: the primary)");
    long start = System.nanoTime();
    long maxBlock = 0;
    for (String shard : shards) {
      String path = "/admin/v1/Shards/" + shard + "/SchemaChanges";
      long begin = System.nanoTime();
      JsonNode started = admin.postJson(path, "{\"dry_run\": false}", 202);
      OperationStatus status =
          OperationStatus.awaitFinished(
              admin,
              path + "/" + started.path("id").asText(),
              Duration.ofMinutes(10),
              Duration.ofMillis(100),
              false);
      long whole = (System.nanoTime() - begin) / 1_000_000;
      if (!status.completed()) {
        throw new IllegalStateException("the schema change of " + shard + " failed: " + status);
      }
      boolean inPlace = status.steps().findValuesAsText("name").contains("change-primary");
      long block =
          inPlace
              ? 0
              : Duration.between(
                      status.stepTime("block-writes", "started_at"),
                      status.stepTime("update-catalogue", "ended_at"))
                  .toMillis();
      maxBlock = Math.max(maxBlock, block);
      report.line(
          "  %-8s %-9s %9d %9s   %s",
          shard,
          inPlace ? "in place" : "by pivot",
          whole,
          inPlace ? "-" : String.valueOf(block),
          inPlace
              ? String.valueOf(status.stepMillis("change-primary"))
              : status.stepMillis("change-replicas")
                  + " / "
                  + status.stepMillis("change-old-primary"));
    }
    long all = (System.nanoTime() - start) / 1_000_000;
    report.line(
        "  every shard: %d ms; the longest write block %d ms (a pivot's, by a shard with a replica)",
        all, maxBlock);
    figures.add(Figure.of("schema change rolled over every shard", all, "ms"));
    figures.add(Figure.of("schema change write block, longest", maxBlock, "ms"));
  }
}
