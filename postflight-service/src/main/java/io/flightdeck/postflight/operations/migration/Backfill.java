package io.flightdeck.postflight.operations.migration;

import io.flightdeck.postflight.operations.StepContext;
import io.flightdeck.postflight.operations.StepOutcome;
import io.flightdeck.postflight.routing.Routing;
import io.flightdeck.postflight.store.RecordWrites;
import io.smallrye.mutiny.Uni;
import java.time.Duration;

/**
 * {@code backfill}: copies an account's finished records from legacy to its shard by the write map,
 * in id order from the stored position, a chunk at a time, through the ingest's own version-guarded
 * upsert ({@link RecordWrites}). The position and the rows copied are stored after each chunk's
 * commit: a driver killed in between copies that chunk again, which the upsert makes a no-op (no
 * duplicate). Throttled to {@link MigrationConfig#rowsPerSecond()}. The legacy server's clock at
 * the first chunk is stored: the catch-up looks for changes from there.
 */
record Backfill(MigrationSteps steps, RecordWrites writes) {
  private static final Duration FLAG_CHECK = Duration.ofSeconds(10);

  /** The step for one account, one of {@code sharing} accounts copying at once at their shares. */
  Uni<StepOutcome> run(StepContext step, AccountState state, int sharing) {
    Routing.Route shard = steps.shard(state.account());
    if (step.dryRun()) {
      return MigrationSteps.dryRun(
          steps.legacy.finishedCount(state.account()),
          n -> "would copy " + n + " finished records to " + shard.shard());
    }
    Uni<Void> started =
        steps.legacyClockOnce(
            step.operationId(), state.account(), "backfill_started_at", state.backfillStartedAt());
    return started.chain(
        () ->
            copyFrom(
                step,
                state,
                sharing,
                shard,
                state.backfillPosition(),
                state.rowsCopied(),
                System.nanoTime()));
  }

  /**
   * Copies the chunks after {@code position}; every {@link #FLAG_CHECK} (a long backfill) it checks
   * again that nobody flipped the account's flags by hand, and stops naming the flip.
   */
  private Uni<StepOutcome> copyFrom(
      StepContext step,
      AccountState state,
      int sharing,
      Routing.Route shard,
      long position,
      long copied,
      long checked) {
    if (System.nanoTime() - checked > FLAG_CHECK.toNanos()) {
      return steps.guarded(
          state,
          state.flags(),
          s -> copyFrom(step, s, sharing, shard, position, copied, System.nanoTime()));
    }
    String account = state.account();
    long began = System.nanoTime();
    return steps
        .legacy
        .finishedAfter(account, position, steps.config.chunk())
        .chain(
            rows -> {
              if (rows.isEmpty()) {
                return StepOutcome.done("rows copied: " + copied + " to " + shard.shard());
              }
              long last = rows.get(rows.size() - 1).id();
              long total = copied + rows.size();
              return writes
                  .store(shard.pool(), rows.stream().map(LegacyStore.LegacyRow::record).toList())
                  .chain(
                      () ->
                          steps.accounts.set(
                              step.operationId(),
                              account,
                              "backfill_position = ?, rows_copied = ?",
                              last,
                              total))
                  .chain(() -> step.progress("rows copied: " + total + " (legacy id " + last + ")"))
                  .chain(() -> MigrationSteps.pause(throttle(rows.size(), sharing, began)))
                  .chain(() -> copyFrom(step, state, sharing, shard, last, total, checked));
            });
  }

  /**
   * What is left of the time {@code rows} may take at this account's share of the configured rate
   * (one of {@code sharing} accounts copying at once).
   */
  private Duration throttle(int rows, int sharing, long began) {
    Duration left =
        allowed(rows, sharing, steps.config.rowsPerSecond()).minusNanos(System.nanoTime() - began);
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** How long {@code rows} may take for one of {@code sharing} accounts under the ceiling. */
  static Duration allowed(int rows, int sharing, int rowsPerSecond) {
    return Duration.ofNanos(
        rows * 1_000_000_000L * Math.max(1, sharing) / Math.max(1, rowsPerSecond));
  }
}
