package io.flightdeck.postflight.operations.migration;

import io.flightdeck.postflight.operations.StepContext;
import io.flightdeck.postflight.operations.StepOutcome;
import io.flightdeck.postflight.routing.Routing;
import io.flightdeck.postflight.store.RecordWrites;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.sql.ColumnValues;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code catch-up}, the change capture: copies again every finished row whose {@code date_updated}
 * is at or after the backfill's start (minus {@link MigrationConfig#captureMargin()}), pass after
 * pass, until a pass finds nothing new born in legacy. It relies on inflight-service being the only
 * writer of the legacy store, bumping {@code version} and {@code date_updated} on every change; a
 * change made behind its back is what {@code verify} is there to catch. Copies of records born in
 * the split stores ({@code mirrored}) are copied too but hold no pass up: their completions reach
 * post-flight through Kafka anyway. Capture lag: the rows the last pass found to copy, and the age
 * of the oldest.
 */
record CatchUp(MigrationSteps steps, RecordWrites writes) {
  Uni<StepOutcome> run(StepContext step, AccountState state) {
    if (step.dryRun()) {
      return StepOutcome.wouldDo("copy the rows changed since the backfill began");
    }
    if (state.backfillStartedAt() == null) {
      return StepOutcome.waiting("the backfill has not begun");
    }
    LocalDateTime since = state.backfillStartedAt().minus(steps.config.captureMargin());
    return pass(step, state.account(), steps.shard(state.account()), since, new HashMap<>(), 1);
  }

  private Uni<StepOutcome> pass(
      StepContext step,
      String account,
      Routing.Route shard,
      LocalDateTime since,
      Map<String, Long> copied,
      int number) {
    List<LegacyStore.LegacyRow> fresh = new ArrayList<>();
    return walk(account, since, 0, copied, fresh)
        .chain(
            () -> {
              long bornHere = fresh.stream().filter(r -> !r.mirrored()).count();
              LocalDateTime oldest =
                  fresh.stream()
                      .map(r -> ColumnValues.utc(r.record().dateUpdated()))
                      .min(LocalDateTime::compareTo)
                      .orElse(null);
              return store(shard, fresh)
                  .chain(
                      () ->
                          steps.accounts.set(
                              step.operationId(),
                              account,
                              "capture_rows = ?, capture_oldest = ?",
                              (long) fresh.size(),
                              oldest))
                  .chain(
                      () ->
                          step.progress(
                              "pass "
                                  + number
                                  + ": "
                                  + fresh.size()
                                  + " rows to copy"
                                  + age(oldest)))
                  .chain(
                      () -> {
                        fresh.forEach(r -> copied.put(r.record().sid(), r.record().version()));
                        return bornHere == 0
                            ? StepOutcome.done(
                                "caught up in "
                                    + number
                                    + " passes: "
                                    + copied.size()
                                    + " changed rows copied; the last pass found nothing new born in legacy")
                            : MigrationSteps.pause(Duration.ofMillis(200))
                                .chain(() -> pass(step, account, shard, since, copied, number + 1));
                      });
            });
  }

  /** Collects, chunk by chunk, the changed rows not copied yet at their version. */
  private Uni<Void> walk(
      String account,
      LocalDateTime since,
      long afterId,
      Map<String, Long> copied,
      List<LegacyStore.LegacyRow> fresh) {
    return steps
        .legacy
        .changedSince(account, since, afterId, steps.config.chunk())
        .chain(
            rows -> {
              for (LegacyStore.LegacyRow row : rows) {
                Long version = copied.get(row.record().sid());
                if (version == null || version < row.record().version()) {
                  fresh.add(row);
                }
              }
              return rows.size() < steps.config.chunk()
                  ? Uni.createFrom().voidItem()
                  : walk(account, since, rows.get(rows.size() - 1).id(), copied, fresh);
            });
  }

  private Uni<Void> store(Routing.Route shard, List<LegacyStore.LegacyRow> rows) {
    List<LifecycleRecord> records = rows.stream().map(LegacyStore.LegacyRow::record).toList();
    return records.isEmpty() ? Uni.createFrom().voidItem() : writes.store(shard.pool(), records);
  }

  private static String age(LocalDateTime oldest) {
    return oldest == null
        ? ""
        : ", the oldest changed "
            + Duration.between(ColumnValues.instant(oldest), Instant.now()).toSeconds()
            + " s ago";
  }
}
