package io.flightdeck.postflight.operations.migration;

import io.flightdeck.postflight.operations.Cancellations;
import io.flightdeck.postflight.operations.StepContext;
import io.flightdeck.postflight.operations.StepOutcome;
import io.flightdeck.postflight.routing.Routing;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code watch}: reads move to {@code split-shadow-legacy} (served by split, legacy compared); for
 * {@link MigrationConfig#watchWindow()} the records that change in legacy since the watch began are
 * compared with their shard, as {@code verify} does. When an account's mismatch rate (differing /
 * compared) passes {@link MigrationConfig#mismatchThreshold()}, the whole migration is rolled back
 * at once (the rollback of {@link Migrations#rollback}), and each account's note says why.
 */
record Watch(MigrationSteps steps, RecordComparison comparison, Cancellations cancellations) {
  private static final Duration POLL = Duration.ofSeconds(1);
  static final FlagStates.Paths TARGET = new FlagStates.Paths("dual", "split-shadow-legacy");

  Uni<StepOutcome> start(StepContext step, AccountState state) {
    if (step.dryRun()) {
      return StepOutcome.wouldDo("serve reads from split, compare legacy");
    }
    if (state.watchStartedAt() != null && state.flags().equals(TARGET)) {
      // Flipped at an earlier attempt of this step: flipping again would undo an operator's flip
      // by hand, which the watch's own check is there to notice.
      return StepOutcome.done("watching since " + state.watchStartedAt());
    }
    Uni<Void> started =
        steps.legacyClockOnce(
            step.operationId(), state.account(), "watch_started_at", state.watchStartedAt());
    return started.chain(() -> steps.flipChecked(step.operationId(), state, TARGET));
  }

  /** Compares each account until the window ends; rolls back past the threshold. */
  Uni<StepOutcome> watch(StepContext step, List<AccountState> states) {
    if (step.dryRun()) {
      return StepOutcome.wouldDo("watch " + steps.config.watchWindow());
    }
    return steps
        .legacy
        .now()
        .chain(
            now -> {
              List<Uni<String>> checks = new ArrayList<>();
              for (AccountState state : states) {
                checks.add(check(step, state));
              }
              return Uni.join()
                  .all(checks)
                  .andFailFast()
                  .chain(reasons -> decide(step, states, now, reasons));
            });
  }

  private Uni<StepOutcome> decide(
      StepContext step, List<AccountState> states, LocalDateTime now, List<String> reasons) {
    List<String> over = reasons.stream().filter(r -> !r.isEmpty()).toList();
    if (!over.isEmpty()) {
      String why = "rolled back automatically: " + String.join("; ", over);
      return Uni.join()
          .all(
              states.stream()
                  .map(s -> steps.accounts.set(step.operationId(), s.account(), "note = ?", why))
                  .toList())
          .andFailFast()
          .chain(() -> cancellations.cancel(step.operationId()))
          // Done, not Failed: the step is cancelled already (its row keeps that), and a failed step
          // would make the driver cancel the pending steps after it, the appended rollback too.
          .map(cancelled -> new StepOutcome.Done(why));
    }
    LocalDateTime end =
        states.stream()
            .map(AccountState::watchStartedAt)
            .max(LocalDateTime::compareTo)
            .orElse(now)
            .plus(steps.config.watchWindow());
    if (!now.isBefore(end)) {
      return StepOutcome.done(
          "watched " + steps.config.watchWindow() + ": mismatch rate within the threshold");
    }
    return step.progress("watching until " + end + " (legacy clock)")
        .chain(() -> MigrationSteps.pause(POLL))
        .chain(() -> steps.accounts.of(step.operationId()))
        .chain(fresh -> watch(step, fresh));
  }

  /**
   * The account's mismatch rate stored; the reason to roll back when past the threshold, else "".
   */
  private Uni<String> check(StepContext step, AccountState state) {
    Routing.Route shard = steps.shard(state.account());
    return steps
        .guarded(state, state.flags(), s -> StepOutcome.done(""))
        .chain(
            guard -> {
              if (guard instanceof StepOutcome.Waiting waiting) {
                return Uni.createFrom()
                    .failure(new IllegalStateException(state.account() + ": " + waiting.reason()));
              }
              return steps
                  .legacy
                  .changedSince(state.account(), state.watchStartedAt(), 0, 100_000)
                  .chain(
                      rows ->
                          comparison.compare(
                              shard.pool(),
                              state.account(),
                              rows.stream().map(LegacyStore.LegacyRow::record).toList()))
                  .call(
                      result ->
                          steps.accounts.set(
                              step.operationId(),
                              state.account(),
                              "watch_compared = ?, watch_differing = ?, mismatches = ?",
                              result.compared(),
                              (long) result.differences().size(),
                              Verify.json(result.differences())))
                  .map(result -> overThreshold(state.account(), result));
            });
  }

  private String overThreshold(String account, RecordComparison.Result result) {
    if (result.compared() == 0) {
      return "";
    }
    double rate = (double) result.differences().size() / result.compared();
    return rate > steps.config.mismatchThreshold()
        ? "%s: mismatch rate %.3f (%d of %d records changed since the watch began differ) passed %s"
            .formatted(
                account,
                rate,
                result.differences().size(),
                result.compared(),
                steps.config.mismatchThreshold())
        : "";
  }
}
