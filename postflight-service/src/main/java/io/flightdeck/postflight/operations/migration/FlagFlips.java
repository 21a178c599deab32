package io.flightdeck.postflight.operations.migration;

import io.flightdeck.flags.Flags;
import io.flightdeck.flags.ReadPath;
import io.flightdeck.flags.WritePath;
import io.flightdeck.postflight.operations.StepContext;
import io.flightdeck.postflight.operations.StepOutcome;
import io.smallrye.mutiny.Uni;

/**
 * The steps that only flip flags ({@code writes-dual}, {@code reads-shadow-split}, {@code done})
 * and the rollback. A flip is stored before Unleash is asked, each step checks first that nobody
 * flipped a flag by hand, and a flip the services rely on next is given {@link
 * MigrationConfig#flagSettle()} to reach them.
 */
record FlagFlips(MigrationSteps steps) {
  /** Where each flip step puts the account. */
  static final FlagStates.Paths WRITES_DUAL = new FlagStates.Paths("dual", "legacy");

  static final FlagStates.Paths READS_SHADOW_SPLIT = new FlagStates.Paths("dual", "shadow-split");
  static final FlagStates.Paths SPLIT = new FlagStates.Paths("split", "split");

  /** Flips every account to {@code target}, then lets it settle. */
  Uni<StepOutcome> flip(StepContext step, FlagStates.Paths target, boolean settle) {
    if (step.dryRun()) {
      return StepOutcome.wouldDo(
          "set write-path " + target.write() + ", read-path " + target.read());
    }
    return steps
        .eachAccount(step, state -> steps.flipChecked(step.operationId(), state, target))
        .call(
            outcome ->
                settle && outcome instanceof StepOutcome.Done
                    ? MigrationSteps.pause(steps.config.flagSettle())
                    : Uni.createFrom().voidItem());
  }

  /**
   * The undo of a migration (asked for, or automatic): reads, then writes, back to {@code legacy}
   * for every account. Before {@code done}, legacy holds all of each account (writes were {@code
   * legacy} or {@code dual}), so nothing is lost.
   */
  Uni<StepOutcome> rollback(StepContext step) {
    if (step.dryRun()) {
      return StepOutcome.done("dry run: nothing to roll back");
    }
    return steps.eachAccount(
        step,
        state ->
            steps
                .accounts
                .flags(step.operationId(), state.account(), FlagStates.Paths.LEGACY)
                .chain(() -> steps.flags.assign(Flags.READ_PATH, ReadPath.LEGACY, state.account()))
                .chain(
                    () -> steps.flags.assign(Flags.WRITE_PATH, WritePath.LEGACY, state.account()))
                .chain(
                    () ->
                        steps.accounts.set(
                            step.operationId(),
                            state.account(),
                            "rolled_back_at = COALESCE(rolled_back_at, ?)",
                            MigrationAccounts.now()))
                .replaceWith(
                    new StepOutcome.Done("rolled back: write-path legacy, read-path legacy")));
  }
}
