package io.flightdeck.flags;

import io.getunleash.Unleash;
import io.getunleash.UnleashContext;
import io.getunleash.variant.Variant;
import io.smallrye.mutiny.Uni;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Per-account flag values: a flag's variant for one account, evaluated by the Unleash client with
 * the context field {@code accountSid}, in memory (no request to Unleash per call).
 *
 * <p>Fail safe: with Unleash unreachable the client keeps evaluating its last known state (fetched
 * earlier by this process, or restored from its backup file at start-up); with no state at all, or
 * when the account matches no strategy, the flag is off, or Unleash sends a variant this build does
 * not know, the answer is the flag's default (a stable variant, see {@link VariantFlag}).
 *
 * <p>An account's variant of a flag is evaluated once and then reused until the client may have
 * changed its flags ({@link FlagFreshness#generation()}: on each fetch it reports), so the answer
 * is the one the client would give, and a request spares the client's evaluation and the event it
 * hands to its executor on every evaluation (together 14 % of the aggregator's processor when one
 * account's list was served at saturation). At most {@value #REUSED} variants of a flag are kept;
 * beyond that all of that flag's are dropped and evaluated again.
 *
 * <p>{@link #variant} waits for the first fetch after start-up, so requests are never served on
 * defaults merely because the flags have not arrived yet; when Unleash is down the first fetch
 * fails fast and nothing waits. Thread-safe.
 */
public final class AccountFlags {
  /** The Unleash context field every flag is evaluated with. */
  public static final String ACCOUNT_SID = "accountSid";

  private static final Logger LOG = Logger.getLogger(AccountFlags.class);

  private final Optional<Unleash> unleash;
  private final FlagFreshness freshness;
  private final Map<String, String> defaults;
  private final Map<String, Boolean> warnedUnknown = new ConcurrentHashMap<>();

  /** How many evaluated variants of one flag are kept for reuse at most. */
  static final int REUSED = 100_000;

  /** A variant as evaluated, and the flags' generation it was evaluated in. */
  private record Evaluated(long generation, Object variant) {}

  /** Evaluated variants by flag, then by account (no key to allocate on a request). */
  private final Map<String, Map<String, Evaluated>> evaluated = new ConcurrentHashMap<>();

  /**
   * @param unleash the client; empty: no Unleash configured, every flag at its default
   * @param freshness the same subscriber the client reports to
   * @param defaults configured defaults by flag name, overriding the declared ones (stable variants
   *     only)
   */
  public AccountFlags(
      Optional<Unleash> unleash, FlagFreshness freshness, Map<String, String> defaults) {
    this.unleash = unleash;
    this.freshness = freshness;
    this.defaults = Map.copyOf(defaults);
    Flags.ALL.forEach(
        this::defaultOf); // a bad configured default fails at start-up, not on a request
  }

  /** The flag's variant for the account, once the first fetch after start-up has ended. */
  public <V extends Enum<V> & FlagVariant> Uni<V> variant(VariantFlag<V> flag, String accountSid) {
    if (freshness.firstFetchDone()) {
      return Uni.createFrom().item(variantNow(flag, accountSid));
    }
    return Uni.createFrom()
        .completionStage(freshness.firstFetch())
        .map(done -> variantNow(flag, accountSid));
  }

  /**
   * The flag's variant for the account from the flags in memory now (defaults before the first
   * fetch).
   */
  public <V extends Enum<V> & FlagVariant> V variantNow(VariantFlag<V> flag, String accountSid) {
    if (unleash.isEmpty()) {
      return defaultOf(flag);
    }
    Map<String, Evaluated> byAccount =
        evaluated.computeIfAbsent(flag.name(), name -> new ConcurrentHashMap<>());
    long generation = freshness.generation(); // read first: a fetch from now on is newer
    Evaluated known = byAccount.get(accountSid);
    if (known != null && known.generation() == generation) {
      return flag.variants().cast(known.variant());
    }
    V variant = evaluate(flag, accountSid);
    if (byAccount.size() >= REUSED) {
      byAccount.clear();
    }
    byAccount.put(accountSid, new Evaluated(generation, variant));
    return variant;
  }

  private <V extends Enum<V> & FlagVariant> V evaluate(VariantFlag<V> flag, String accountSid) {
    UnleashContext context =
        UnleashContext.builder().userId(accountSid).addProperty(ACCOUNT_SID, accountSid).build();
    Variant variant = unleash.get().getVariant(flag.name(), context);
    if (!variant.isEnabled()) {
      return defaultOf(flag);
    }
    return flag.variant(variant.getName()).orElseGet(() -> unknown(flag, variant.getName()));
  }

  /** The flag's default here: the configured one, else the declared one. */
  public <V extends Enum<V> & FlagVariant> V defaultOf(VariantFlag<V> flag) {
    String configured = defaults.get(flag.name());
    return configured == null ? flag.defaultVariant() : flag.stableVariant(configured);
  }

  public FlagFreshness freshness() {
    return freshness;
  }

  private <V extends Enum<V> & FlagVariant> V unknown(VariantFlag<V> flag, String name) {
    if (warnedUnknown.putIfAbsent(flag.name() + "/" + name, true) == null) {
      LOG.warnf(
          "Unleash sent variant '%s' of flag %s, which this build does not know; serving the default",
          name, flag.name());
    }
    return defaultOf(flag);
  }
}
