package io.flightdeck.postflight.operations.migration;

import io.flightdeck.flags.Flags;
import io.flightdeck.flags.WritePath;
import io.flightdeck.postflight.operations.Cancellations;
import io.flightdeck.postflight.operations.OperationDriver;
import io.flightdeck.postflight.operations.OperationRefusedException;
import io.flightdeck.postflight.operations.OperationStatus;
import io.flightdeck.postflight.operations.Operations;
import io.flightdeck.record.InvalidFieldException;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.flightdeck.rest.errors.DependencyUnreachableException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Starts migrations after the checks that keep them safe, shows them, rolls them back. Refused,
 * nothing is stored: no accounts or one that is no AccountSid (400); the legacy store or Unleash's
 * admin API not configured, or Unleash unreachable (503); an account whose flags are not {@code
 * legacy}/{@code legacy}, or that another unfinished migration (not a dry run) holds (409).
 */
@ApplicationScoped
public class Migrations {
  private final Operations operations;
  private final OperationDriver driver;
  private final Cancellations cancellations;
  private final MigrationAccounts accounts;
  private final LegacyStore legacy;
  private final FlagStates flags;

  public Migrations(
      Operations operations,
      OperationDriver driver,
      Cancellations cancellations,
      MigrationAccounts accounts,
      LegacyStore legacy,
      FlagStates flags) {
    this.operations = operations;
    this.driver = driver;
    this.cancellations = cancellations;
    this.accounts = accounts;
    this.legacy = legacy;
    this.flags = flags;
  }

  /**
   * Checks the request, stores the operation and its accounts, and starts driving it.
   *
   * @param allLegacy whether to add every account whose write-path is legacy in Unleash
   */
  public Uni<MigrationStatus> start(List<String> requested, boolean allLegacy, boolean dryRun) {
    List<String> named = requested == null ? List.of() : requested;
    if (!allLegacy) {
      return start(checked(named), dryRun);
    }
    checkConfigured();
    return flags
        .accountsOn(Flags.WRITE_PATH, WritePath.LEGACY)
        .chain(
            onLegacy -> {
              Set<String> all = new LinkedHashSet<>(named);
              all.addAll(onLegacy);
              if (all.isEmpty()) {
                throw new InvalidFieldException(
                    "all_legacy",
                    "no account is on write-path legacy in Unleash, and none is named");
              }
              return start(checked(new ArrayList<>(all)), dryRun);
            });
  }

  private void checkConfigured() {
    if (!legacy.configured()) {
      throw new DependencyUnreachableException(
          "the legacy store (flightdeck.legacy.db.host is not set)", null);
    }
    if (!flags.configured()) {
      throw new DependencyUnreachableException(
          "Unleash's admin API (flightdeck.flags.unleash.url and admin-token must be set)", null);
    }
  }

  private Uni<MigrationStatus> start(List<String> sids, boolean dryRun) {
    checkConfigured();
    return (dryRun ? Uni.createFrom().voidItem() : noneMigrating(sids))
        .chain(
            () ->
                Multi.createFrom()
                    .iterable(sids)
                    .onItem()
                    .transformToUniAndConcatenate(this::onLegacy)
                    .collect()
                    .asList())
        .chain(
            () ->
                operations.start(
                    Migration.NAME,
                    new MigrationRequest(sids).toJson(),
                    dryRun,
                    Migration.STEPS,
                    false,
                    Optional.of(Migration.DONE)))
        .call(op -> accounts.create(op.id(), sids))
        .invoke(op -> driver.kick(op.id()))
        .chain(op -> status(op.id()))
        .map(Optional::orElseThrow);
  }

  /** The migration of that id; empty for an id of none (or of another kind). */
  public Uni<Optional<MigrationStatus>> status(String id) {
    return operations
        .ofKind(Migration.NAME, id)
        .chain(
            found ->
                found.isEmpty()
                    ? Uni.createFrom().item(Optional.<MigrationStatus>empty())
                    : accounts
                        .of(id)
                        .map(states -> Optional.of(MigrationStatus.of(found.get(), states))));
  }

  /**
   * Rolls the migration back: its steps not finished stop, and the step {@code rollback} puts every
   * account's flags back on legacy. Refused once {@code done} has begun (writes on split are no
   * longer in legacy), or when the migration is finished or rolled back already.
   */
  public Uni<Optional<MigrationStatus>> rollback(String id) {
    return status(id)
        .chain(
            found -> {
              if (found.isEmpty()) {
                return Uni.createFrom().item(Optional.<MigrationStatus>empty());
              }
              OperationStatus op = found.get().operation();
              if (op.pastPointOfNoReturn()) {
                throw new OperationRefusedException(
                    "migration "
                        + id
                        + " has reached done: the accounts write to split only, so legacy"
                        + " lacks what they wrote since; it can no longer be rolled back");
              }
              return cancellations.cancel(id).invoke(() -> driver.kick(id)).chain(() -> status(id));
            });
  }

  private static List<String> checked(List<String> requested) {
    if (requested == null || requested.isEmpty()) {
      throw new InvalidFieldException(
          "accounts", "accounts must name at least one AccountSid (AC…)");
    }
    Set<String> sids = new LinkedHashSet<>();
    for (int i = 0; i < requested.size(); i++) {
      String field = "accounts[" + i + "]";
      String sid = Sid.parse(SidKind.ACCOUNT, field, requested.get(i)).value();
      if (!sids.add(sid)) {
        throw new InvalidFieldException(field, field + ": " + sid + " is named twice");
      }
    }
    return new ArrayList<>(sids);
  }

  private Uni<Void> onLegacy(String account) {
    return flags
        .read(account)
        .invoke(
            now -> {
              if (!now.equals(FlagStates.Paths.LEGACY)) {
                throw new OperationRefusedException(
                    "account %s is not on legacy: write-path is '%s' and read-path '%s' in Unleash;"
                            .formatted(account, now.write(), now.read())
                        + " a migration starts from legacy/legacy");
              }
            })
        .replaceWithVoid();
  }

  private Uni<Void> noneMigrating(List<String> sids) {
    return operations
        .unfinished(Migration.NAME)
        .invoke(
            running -> {
              for (OperationStatus op : running) {
                if (op.dryRun()) {
                  continue;
                }
                for (String account : MigrationRequest.fromJson(op.parameters()).accounts()) {
                  if (sids.contains(account)) {
                    throw new OperationRefusedException(
                        "account %s is in migration %s already (%s): wait for it, or roll it back"
                            .formatted(account, op.id(), op.status().wireName()));
                  }
                }
              }
            })
        .replaceWithVoid();
  }
}
