package io.flightdeck.postflight.operations.migration;

import io.flightdeck.postflight.operations.StepContext;
import io.flightdeck.postflight.operations.StepOutcome;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.LocalDateTime;

/**
 * {@code drain}: with writes on {@code dual}, new records are born in the split stores; the records
 * born in legacy before the flip live on there until they end (their completions reach post-flight
 * through legacy's outbox). This step waits until the account has none left live, so that after it
 * legacy holds no life the split stores do not. Past {@link MigrationConfig#drainTimeout()} it
 * stops (waits, tried again) naming up to five of them: finish them, or roll back.
 */
record Drain(MigrationSteps steps) {
  private static final Duration POLL = Duration.ofSeconds(1);

  Uni<StepOutcome> run(StepContext step, AccountState state) {
    if (step.dryRun()) {
      return MigrationSteps.dryRun(
          steps.legacy.liveBornHere(state.account()),
          live -> live.count() + " live records born in legacy now");
    }
    LocalDateTime began =
        state.drainStartedAt() != null ? state.drainStartedAt() : MigrationAccounts.now();
    Uni<Void> stored =
        state.drainStartedAt() != null
            ? Uni.createFrom().voidItem()
            : steps.accounts.set(
                step.operationId(), state.account(), "drain_started_at = ?", began);
    return stored.chain(() -> poll(step, state, began));
  }

  /** Checks the flags and the live records once a second (a flip by hand stops it, named). */
  private Uni<StepOutcome> poll(StepContext step, AccountState state, LocalDateTime began) {
    return steps.guarded(state, state.flags(), s -> livesLeft(step, s, began));
  }

  private Uni<StepOutcome> livesLeft(StepContext step, AccountState state, LocalDateTime began) {
    String account = state.account();
    return steps
        .legacy
        .liveBornHere(account)
        .chain(
            live -> {
              if (live.count() == 0) {
                return StepOutcome.done("no live record born in legacy");
              }
              String what =
                  live.count()
                      + " live records born in legacy ("
                      + String.join(", ", live.first())
                      + ")";
              if (began.plus(steps.config.drainTimeout()).isBefore(MigrationAccounts.now())) {
                return StepOutcome.waiting(
                    "drain timed out after "
                        + steps.config.drainTimeout()
                        + ": "
                        + what
                        + " still live; they must end (or be ended by hand) before the"
                        + " writes can leave legacy, or roll the migration back");
              }
              return step.progress("waiting for " + what)
                  .chain(() -> MigrationSteps.pause(POLL))
                  .chain(() -> poll(step, state, began));
            });
  }
}
