package io.flightdeck.postflight.operations.split;

import io.flightdeck.postflight.operations.StepContext;
import io.flightdeck.postflight.operations.StepOutcome;
import io.flightdeck.postflight.store.ShardDefinition;
import io.flightdeck.postflight.store.Shards;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The split's {@code rebuild}: {@code ANALYZE TABLE} then {@code OPTIMIZE TABLE} of each table on
 * both sides, so the statistics match the rows left and the space of the deleted rows comes back.
 * InnoDB answers {@code OPTIMIZE} with a rebuild of the table ("recreate + analyze"), every
 * partition of the monthly-partitioned tables included; InnoDB documents that rebuild as online
 * (writes go on, with short metadata locks at its start and end), which was not measured here under
 * load. Only a result row of type {@code error} keeps the step waiting. Idempotent: run again, it
 * rebuilds again.
 */
final class TableRebuild {
  private TableRebuild() {}

  static Uni<StepOutcome> rebuild(
      Shards shards, ShardDefinition source, ShardDefinition target, StepContext step) {
    List<String> done = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    return side(shards, source, done, problems, step)
        .chain(() -> side(shards, target, done, problems, step))
        .map(
            nothing ->
                problems.isEmpty()
                    ? new StepOutcome.Done("analyzed and rebuilt: " + String.join(", ", done))
                    : new StepOutcome.Waiting(String.join("; ", problems)));
  }

  private static Uni<Void> side(
      Shards shards,
      ShardDefinition shard,
      List<String> done,
      List<String> problems,
      StepContext step) {
    return shards.withPool(
        shard,
        pool -> {
          Uni<Void> all = Uni.createFrom().voidItem();
          for (String table : SnapshotClone.TABLES) {
            all =
                all.chain(() -> statement(pool, "ANALYZE TABLE " + table, problems))
                    .chain(() -> statement(pool, "OPTIMIZE TABLE " + table, problems))
                    .chain(
                        () -> {
                          done.add(shard.id() + " " + table);
                          return step.progress("analyzed and rebuilt: " + String.join(", ", done));
                        });
          }
          return all;
        });
  }

  /** Runs a table maintenance statement; its result rows of type {@code error} are problems. */
  private static Uni<Void> statement(Pool pool, String sql, List<String> problems) {
    return pool.query(sql)
        .execute()
        .invoke(rows -> problems.addAll(errors(sql, rows)))
        .replaceWithVoid();
  }

  private static List<String> errors(String sql, RowSet<Row> rows) {
    List<String> errors = new ArrayList<>();
    for (Row row : rows) {
      if ("error".equals(row.getString("Msg_type").toLowerCase(Locale.ROOT))) {
        errors.add(sql + ": " + row.getString("Msg_text"));
      }
    }
    return errors;
  }
}
