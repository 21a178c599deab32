package io.flightdeck.postflight.operations.migration;

import io.flightdeck.flags.FlagVariant;
import io.flightdeck.flags.Flags;
import io.flightdeck.flags.VariantFlag;
import io.flightdeck.postflight.operations.StepContext;
import io.flightdeck.postflight.operations.StepOutcome;
import io.flightdeck.postflight.routing.Routing;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What every step of a migration shares: running a piece of work for each of its accounts, the
 * check that nobody flipped an account's flags by hand since the migration last set them, where an
 * account's shard is, and a flag flip that is stored before Unleash is asked.
 */
final class MigrationSteps {
  final LegacyStore legacy;
  final FlagStates flags;
  final MigrationAccounts accounts;
  final Routing routing;
  final MigrationConfig config;

  MigrationSteps(
      LegacyStore legacy,
      FlagStates flags,
      MigrationAccounts accounts,
      Routing routing,
      MigrationConfig config) {
    this.legacy = legacy;
    this.flags = flags;
    this.accounts = accounts;
    this.routing = routing;
    this.config = config;
  }

  /**
   * Runs {@code work} for each account in turn (every one, even after one had to wait) and sums up:
   * done when every account is, else waiting with every account's reason.
   */
  Uni<StepOutcome> eachAccount(StepContext step, Function<AccountState, Uni<StepOutcome>> work) {
    return eachAccount(step, 1, work);
  }

  /**
   * The same, {@code atOnce} accounts at a time (the backfill and verify, whose accounts share
   * nothing: each walks its own rows from its own stored position); the outcomes summed in the
   * accounts' order.
   */
  Uni<StepOutcome> eachAccount(
      StepContext step, int atOnce, Function<AccountState, Uni<StepOutcome>> work) {
    return accounts
        .of(step.operationId())
        .chain(
            states ->
                Multi.createFrom()
                    .iterable(states)
                    .onItem()
                    .transformToUni(
                        state ->
                            accounts
                                .at(step.operationId(), state.account(), step.step())
                                .chain(() -> work.apply(state))
                                .onFailure()
                                .recoverWithItem(
                                    e -> new StepOutcome.Waiting(String.valueOf(e.getMessage())))
                                .map(outcome -> new Outcome(state.account(), outcome)))
                    .merge(Math.max(1, atOnce))
                    .collect()
                    .asList()
                    .map(outcomes -> summed(inOrder(states, outcomes))));
  }

  private static List<Outcome> inOrder(List<AccountState> states, List<Outcome> outcomes) {
    List<String> order = states.stream().map(AccountState::account).toList();
    return outcomes.stream()
        .sorted(Comparator.comparingInt(o -> order.indexOf(o.account())))
        .toList();
  }

  private record Outcome(String account, StepOutcome outcome) {}

  private static StepOutcome summed(List<Outcome> outcomes) {
    List<Outcome> waiting =
        outcomes.stream().filter(o -> !(o.outcome() instanceof StepOutcome.Done)).toList();
    if (waiting.isEmpty()) {
      return new StepOutcome.Done(
          outcomes.stream()
              .map(o -> o.account() + ": " + ((StepOutcome.Done) o.outcome()).progress())
              .collect(Collectors.joining("; ")));
    }
    return new StepOutcome.Waiting(
        waiting.stream()
            .map(o -> o.account() + ": " + reason(o.outcome()))
            .collect(Collectors.joining("; ")));
  }

  private static String reason(StepOutcome outcome) {
    return outcome instanceof StepOutcome.Waiting w
        ? w.reason()
        : ((StepOutcome.Failed) outcome).reason();
  }

  /**
   * Why the account's flags in Unleash are not what this migration last set (or, for the flag a
   * step is moving, the value it moves to): a flip by hand, named with the flag and its value.
   * Empty when they are as set.
   */
  Uni<Optional<String>> flippedByHand(AccountState state, FlagStates.Paths target) {
    return flags
        .read(state.account())
        .map(
            now -> {
              for (VariantFlag<?> flag : List.of(Flags.WRITE_PATH, Flags.READ_PATH)) {
                String value = now.of(flag);
                if (!value.equals(state.flags().of(flag)) && !value.equals(target.of(flag))) {
                  return Optional.of(
                      "%s is '%s' in Unleash, but this migration last set '%s' (flipped by hand?):"
                              .formatted(flag.name(), value, state.flags().of(flag))
                          + " set it back in Unleash to go on, or roll the migration back");
                }
              }
              return Optional.empty();
            });
  }

  /** Runs {@code work} once the flags are as set; waits, naming the flip, when they are not. */
  Uni<StepOutcome> guarded(
      AccountState state, FlagStates.Paths target, Function<AccountState, Uni<StepOutcome>> work) {
    return flippedByHand(state, target)
        .chain(
            flipped ->
                flipped.isPresent() ? StepOutcome.waiting(flipped.get()) : work.apply(state));
  }

  /** The account's shard by the write map; a failure naming it when none or not open. */
  Routing.Route shard(String account) {
    return routing
        .forWrite(account)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "the write map names no open shard for "
                        + account
                        + " (shard "
                        + routing.writeShard(account).orElse("none")
                        + ")"));
  }

  /**
   * Stores the legacy server's clock as the account's {@code column} (when a step began, the point
   * its later reads of legacy go on from), unless an earlier attempt stored it ({@code stored} is
   * not null): a step tried again keeps its first start.
   */
  Uni<Void> legacyClockOnce(
      String operationId, String account, String column, LocalDateTime stored) {
    if (stored != null) {
      return Uni.createFrom().voidItem();
    }
    return legacy.now().chain(now -> accounts.set(operationId, account, column + " = ?", now));
  }

  /**
   * Moves the account's flags to {@code target}: stored first (so the hand-flip check accepts the
   * new value), then each flag that changes is assigned in Unleash, writes before reads.
   */
  Uni<Void> flip(String operationId, AccountState state, FlagStates.Paths target) {
    return accounts
        .flags(operationId, state.account(), target)
        .chain(() -> assign(Flags.WRITE_PATH, target.write(), state.account()))
        .chain(() -> assign(Flags.READ_PATH, target.read(), state.account()));
  }

  /**
   * A flip step's work for one account: the hand-flip check, then the flip. When the stored flags
   * say {@code target} already, this step had begun flipping (a driver killed midway): the flip is
   * made again (assigning is idempotent), with no check, since Unleash may still show the flags
   * from before it.
   */
  Uni<StepOutcome> flipChecked(String operationId, AccountState state, FlagStates.Paths target) {
    Function<AccountState, Uni<StepOutcome>> flip =
        s ->
            flip(operationId, s, target)
                .replaceWith(
                    new StepOutcome.Done(
                        "write-path " + target.write() + ", read-path " + target.read()));
    return state.flags().equals(target) ? flip.apply(state) : guarded(state, target, flip);
  }

  private <V extends Enum<V> & FlagVariant> Uni<Void> assign(
      VariantFlag<V> flag, String variant, String account) {
    V value = flag.variant(variant).orElseThrow();
    return flags.assign(flag, value, account);
  }

  /** A dry run's answer: what the step would do, told from a fact read now. */
  static <T> Uni<StepOutcome> dryRun(Uni<T> fact, Function<T, String> wouldDo) {
    return fact.map(read -> new StepOutcome.Done("dry run: " + wouldDo.apply(read)));
  }

  /** A pause that keeps the event loop free. */
  static Uni<Void> pause(Duration duration) {
    if (duration.isZero() || duration.isNegative()) {
      // Mutiny refuses a delay of zero: a chunk that took longer than its share of the throttle
      // goes on at once.
      return Uni.createFrom().voidItem();
    }
    return Uni.createFrom().voidItem().onItem().delayIt().by(duration);
  }
}
