package io.flightdeck.postflight.operations.migration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flightdeck.postflight.operations.StepContext;
import io.flightdeck.postflight.operations.StepOutcome;
import io.flightdeck.postflight.routing.Routing;
import io.smallrye.mutiny.Uni;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code verify}: a row-level diff of the account, legacy against its shard. Counts first (the
 * account's finished rows in legacy, its rows on the shard), then every finished legacy record's
 * checksum of public fields against its copy ({@link RecordComparison}, which gives a difference a
 * settle delay before it counts). The differences (Sid, which fields) are stored for the status;
 * any left, or counts that differ, stop the step (it waits and is tried again), so the flips after
 * it never run on a copy known to differ.
 */
record Verify(MigrationSteps steps, RecordComparison comparison) {
  private static final ObjectMapper JSON = new ObjectMapper();

  Uni<StepOutcome> run(StepContext step, AccountState state) {
    if (step.dryRun()) {
      return MigrationSteps.dryRun(
          steps.legacy.finishedCount(state.account()),
          n -> "would compare " + n + " finished records");
    }
    Routing.Route shard = steps.shard(state.account());
    List<RecordDifference> differences = new ArrayList<>();
    long[] compared = {0};
    // Compares and counts up to a cut a settle delay in the past: what finished before it has had
    // the time to reach the shard, and what finishes while verify runs changes neither count nor
    // lengthens the walk (the account keeps being written; watch compares what changes after).
    return steps
        .legacy
        .now()
        .map(now -> now.minus(steps.config.verifySettle()))
        .chain(
            cut ->
                walk(shard, state.account(), cut, 0, compared, differences)
                    .chain(() -> steps.legacy.finishedCountBefore(state.account(), cut))
                    .chain(
                        legacyCount ->
                            ShardRecords.countBefore(shard.pool(), state.account(), cut)
                                .map(shardCount -> new long[] {legacyCount, shardCount})))
        .call(counts -> store(step, state.account(), compared[0] - differences.size(), differences))
        .map(counts -> outcome(counts[0], counts[1], compared[0], differences));
  }

  private Uni<Void> walk(
      Routing.Route shard,
      String account,
      LocalDateTime cut,
      long afterId,
      long[] compared,
      List<RecordDifference> differences) {
    return steps
        .legacy
        .finishedBefore(account, cut, afterId, steps.config.chunk())
        .chain(
            rows -> {
              if (rows.isEmpty()) {
                return Uni.createFrom().voidItem();
              }
              return comparison
                  .compare(
                      shard.pool(),
                      account,
                      rows.stream().map(LegacyStore.LegacyRow::record).toList())
                  .chain(
                      result -> {
                        compared[0] += result.compared();
                        differences.addAll(result.differences());
                        return walk(
                            shard,
                            account,
                            cut,
                            rows.get(rows.size() - 1).id(),
                            compared,
                            differences);
                      });
            });
  }

  private Uni<Void> store(
      StepContext step, String account, long verified, List<RecordDifference> differences) {
    return steps.accounts.set(
        step.operationId(),
        account,
        "rows_verified = ?, mismatches = ?",
        verified,
        json(differences));
  }

  private static StepOutcome outcome(
      long legacyCount, long shardCount, long compared, List<RecordDifference> differences) {
    if (differences.isEmpty() && legacyCount == shardCount) {
      return new StepOutcome.Done(
          "verified "
              + compared
              + " records: counts equal ("
              + legacyCount
              + "), every checksum equal");
    }
    String counts =
        legacyCount == shardCount
            ? "counts equal (" + legacyCount + ")"
            : "counts differ: legacy " + legacyCount + " finished, shard " + shardCount;
    return new StepOutcome.Waiting(
        "verify found "
            + differences.size()
            + " of "
            + compared
            + " records differing"
            + (differences.isEmpty()
                ? ""
                : " ("
                    + differences.stream()
                        .limit(5)
                        .map(d -> d.sid() + ": " + String.join(", ", d.fields()))
                        .collect(Collectors.joining("; "))
                    + ")")
            + ", "
            + counts
            + "; the flips wait: correct the copy or legacy, or roll the migration back");
  }

  static String json(List<RecordDifference> differences) {
    try {
      return JSON.writeValueAsString(differences);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
