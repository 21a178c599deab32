package io.flightdeck.postflight.operations.migration;

import io.flightdeck.postflight.operations.Cancellations;
import io.flightdeck.postflight.operations.OperationKind;
import io.flightdeck.postflight.operations.StepContext;
import io.flightdeck.postflight.operations.StepOutcome;
import io.flightdeck.postflight.routing.Routing;
import io.flightdeck.postflight.store.RecordWrites;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Function;

/**
 * The operation kind {@code migration}: a list of accounts moved from the legacy combined store to
 * the split design, every step over all of them (DESIGN.md, "Migration"). Its point of no return is
 * {@code done}: once writes are {@code split}, legacy no longer holds what the accounts write, so a
 * rollback (the undo step {@code rollback}) is possible only before it.
 */
@ApplicationScoped
public class Migration implements OperationKind {
  public static final String NAME = "migration";
  static final String PRE_CHECK = "pre-check";
  static final String BACKFILL = "backfill";
  static final String WRITES_DUAL = "writes-dual";
  static final String DRAIN = "drain";
  static final String CATCH_UP = "catch-up";
  static final String VERIFY = "verify";
  static final String READS_SHADOW_SPLIT = "reads-shadow-split";
  static final String WATCH = "watch";
  static final String DONE = "done";
  static final String ROLLBACK = "rollback";

  /** The steps, in order. */
  static final List<String> STEPS =
      List.of(
          PRE_CHECK,
          BACKFILL,
          WRITES_DUAL,
          DRAIN,
          CATCH_UP,
          VERIFY,
          READS_SHADOW_SPLIT,
          WATCH,
          DONE);

  private final MigrationSteps steps;
  private final PreCheck preCheck;
  private final Backfill backfill;
  private final Drain drain;
  private final CatchUp catchUp;
  private final Verify verify;
  private final Watch watch;
  private final FlagFlips flips;

  public Migration(
      LegacyStore legacy,
      FlagStates flags,
      MigrationAccounts accounts,
      Routing routing,
      MigrationConfig config,
      RecordWrites writes,
      Cancellations cancellations) {
    this.steps = new MigrationSteps(legacy, flags, accounts, routing, config);
    RecordComparison comparison = new RecordComparison(legacy, config.verifySettle());
    this.preCheck = new PreCheck(steps);
    this.backfill = new Backfill(steps, writes);
    this.drain = new Drain(steps);
    this.catchUp = new CatchUp(steps, writes);
    this.verify = new Verify(steps, comparison);
    this.watch = new Watch(steps, comparison, cancellations);
    this.flips = new FlagFlips(steps);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Uni<StepOutcome> run(StepContext step) {
    int expected = MigrationRequest.fromJson(step.parameters()).accounts().size();
    return steps
        .accounts
        .of(step.operationId())
        .chain(
            stored ->
                stored.size() < expected
                    ? StepOutcome.waiting("the accounts are being stored")
                    : dispatch(step, expected));
  }

  private Uni<StepOutcome> dispatch(StepContext step, int accounts) {
    int atOnce = atOnce(steps.config.accountsAtOnce(), accounts);
    return switch (step.step()) {
      case PRE_CHECK -> steps.eachAccount(step, state -> preCheck.run(step, state));
      case BACKFILL -> guardedEach(step, atOnce, state -> backfill.run(step, state, atOnce));
      case WRITES_DUAL -> flips.flip(step, FlagFlips.WRITES_DUAL, true);
      case DRAIN -> guardedEach(step, 1, state -> drain.run(step, state));
      case CATCH_UP -> guardedEach(step, 1, state -> catchUp.run(step, state));
      case VERIFY -> guardedEach(step, atOnce, state -> verify.run(step, state));
      case READS_SHADOW_SPLIT -> flips.flip(step, FlagFlips.READS_SHADOW_SPLIT, true);
      case WATCH -> watch(step);
      case DONE -> flips.flip(step, FlagFlips.SPLIT, false);
      case ROLLBACK -> flips.rollback(step);
      default -> StepOutcome.failed("no step " + step.step() + " in a migration");
    };
  }

  /**
   * How many accounts the backfill and verify work on at once, and so how many share the backfill's
   * rate: the setting, or every account of a migration that has fewer (a lone account copies at the
   * whole rate, not at a share kept for accounts that are not there).
   */
  static int atOnce(int setting, int accounts) {
    return Math.max(1, Math.min(setting, accounts));
  }

  private Uni<StepOutcome> guardedEach(
      StepContext step, int atOnce, Function<AccountState, Uni<StepOutcome>> work) {
    return steps.eachAccount(step, atOnce, state -> steps.guarded(state, state.flags(), work));
  }

  private Uni<StepOutcome> watch(StepContext step) {
    return steps
        .accounts
        .of(step.operationId())
        .chain(
            before -> {
              boolean flipping = before.stream().anyMatch(s -> !s.flags().equals(Watch.TARGET));
              return steps
                  .eachAccount(step, state -> watch.start(step, state))
                  .chain(
                      started ->
                          !(started instanceof StepOutcome.Done)
                              ? Uni.createFrom().item(started)
                              : (flipping && !step.dryRun()
                                      ? MigrationSteps.pause(steps.config.flagSettle())
                                      : Uni.createFrom().voidItem())
                                  .chain(() -> steps.accounts.of(step.operationId()))
                                  .chain(states -> watch.watch(step, states)));
            });
  }

  @Override
  public List<String> undo(String parameters, List<String> started) {
    return List.of(ROLLBACK);
  }
}
