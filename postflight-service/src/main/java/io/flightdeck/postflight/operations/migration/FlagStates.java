package io.flightdeck.postflight.operations.migration;

import io.flightdeck.flags.FlagAssignments;
import io.flightdeck.flags.FlagVariant;
import io.flightdeck.flags.Flags;
import io.flightdeck.flags.FlagsConfig;
import io.flightdeck.flags.UnleashAdmin;
import io.flightdeck.flags.VariantFlag;
import io.flightdeck.rest.errors.DependencyUnreachableException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * An account's {@code write-path} and {@code read-path} as Unleash's admin API says them (the
 * truth, never a client's cache), and their flips. Unleash unreachable, or not configured, is a
 * failure naming it, never a guessed flag. The HTTP calls block: they run on a worker thread.
 */
@ApplicationScoped
public class FlagStates {
  private final Optional<UnleashAdmin> admin;
  private final String missing;

  public FlagStates(FlagsConfig config) {
    this.admin =
        config.url().isPresent() && config.adminToken().isPresent()
            ? Optional.of(
                new UnleashAdmin(
                    config.url().get(), config.adminToken().get(), config.environment()))
            : Optional.empty();
    this.missing =
        config.url().isEmpty()
            ? "flightdeck.flags.unleash.url"
            : config.adminToken().isEmpty() ? "flightdeck.flags.unleash.admin-token" : "";
  }

  /** Whether Unleash's admin API is configured. */
  public boolean configured() {
    return admin.isPresent();
  }

  /** Both flags of an account: the variants' names. */
  public record Paths(String write, String read) {
    public static final Paths LEGACY = new Paths("legacy", "legacy");

    String of(VariantFlag<?> flag) {
      return flag == Flags.WRITE_PATH ? write : read;
    }
  }

  /** The account's flags now. */
  public Uni<Paths> read(String account) {
    return blocking(
        admin -> {
          FlagAssignments flags = new FlagAssignments(admin);
          return new Paths(
              flags.variantOf(Flags.WRITE_PATH, account),
              flags.variantOf(Flags.READ_PATH, account));
        });
  }

  /** Puts the account on the variant. */
  public Uni<Void> assign(VariantFlag<?> flag, FlagVariant variant, String account) {
    return blocking(
            admin -> {
              admin.assign(flag, variant, account);
              return true;
            })
        .replaceWithVoid();
  }

  /** The accounts the variant's strategy names. */
  public Uni<List<String>> accountsOn(VariantFlag<?> flag, FlagVariant variant) {
    return blocking(admin -> new FlagAssignments(admin).accountsOn(flag, variant));
  }

  private interface AdminCall<T> {
    T call(UnleashAdmin admin) throws IOException;
  }

  private <T> Uni<T> blocking(AdminCall<T> call) {
    return Uni.createFrom()
        .item(
            () -> {
              UnleashAdmin unleash =
                  admin.orElseThrow(
                      () ->
                          new DependencyUnreachableException(
                              "Unleash's admin API (" + missing + " is not set)", null));
              try {
                return call.call(unleash);
              } catch (IOException e) {
                throw new DependencyUnreachableException(
                    "Unleash (flags not read, never guessed: " + e.getMessage() + ")", e);
              }
            })
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }
}
