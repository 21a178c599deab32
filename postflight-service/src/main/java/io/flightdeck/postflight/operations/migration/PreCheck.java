package io.flightdeck.postflight.operations.migration;

import io.flightdeck.postflight.operations.StepContext;
import io.flightdeck.postflight.operations.StepOutcome;
import io.flightdeck.postflight.routing.Routing;
import io.smallrye.mutiny.Uni;

/**
 * {@code pre-check}: the account's {@code write-path} and {@code read-path} are {@code legacy} in
 * Unleash (its admin API; unreachable, the step waits and says so, it never guesses a flag), the
 * legacy store answers, and so does the account's shard by the write map.
 */
record PreCheck(MigrationSteps steps) {
  Uni<StepOutcome> run(StepContext step, AccountState state) {
    return steps.guarded(
        state,
        FlagStates.Paths.LEGACY,
        s ->
            steps
                .legacy
                .finishedCount(s.account())
                .chain(
                    finished -> {
                      Routing.Route shard = steps.shard(s.account());
                      return shard
                          .pool()
                          .query("SELECT 1")
                          .execute()
                          .onFailure()
                          .transform(
                              e ->
                                  new IllegalStateException(
                                      "shard "
                                          + shard.shard()
                                          + " does not answer: "
                                          + e.getMessage(),
                                      e))
                          .map(
                              ok ->
                                  new StepOutcome.Done(
                                      "flags legacy/legacy; legacy holds "
                                          + finished
                                          + " finished records; shard "
                                          + shard.shard()
                                          + " answers"));
                    }));
  }
}
