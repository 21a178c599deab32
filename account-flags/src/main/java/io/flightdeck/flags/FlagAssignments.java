package io.flightdeck.flags;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which variant Unleash gives an account, read from its admin API: the truth an operation that
 * flips flags must check against (a client's cache may be seconds old, and an operator may have
 * flipped the flag in the UI meanwhile). Never guesses: Unleash unreachable is an {@link
 * IOException}. Each call is a few HTTP requests, blocking.
 */
public final class FlagAssignments {
  private final UnleashAdmin admin;

  public FlagAssignments(UnleashAdmin admin) {
    this.admin = admin;
  }

  /**
   * The variant the account is on: the first strategy, in Unleash's order, whose {@code accountSid}
   * constraint names it; the flag's default when none does or the flag is off in the environment
   * (the kill switch).
   *
   * @throws IOException when Unleash cannot be reached or refuses
   */
  public String variantOf(VariantFlag<?> flag, String accountSid) throws IOException {
    if (!enabled(flag)) {
      return flag.defaultVariant().variantName();
    }
    for (JsonNode strategy : admin.send("GET", admin.strategiesPath(flag), null)) {
      if (accounts(strategy).contains(accountSid)) {
        return strategy.path("title").asText(flag.defaultVariant().variantName());
      }
    }
    return flag.defaultVariant().variantName();
  }

  /**
   * The accounts the strategy titled with the variant names, in its order (no account: empty).
   *
   * @throws IOException when Unleash cannot be reached or refuses
   */
  public List<String> accountsOn(VariantFlag<?> flag, FlagVariant variant) throws IOException {
    List<String> found = new ArrayList<>();
    for (JsonNode strategy : admin.send("GET", admin.strategiesPath(flag), null)) {
      if (strategy.path("title").asText("").equals(variant.variantName())) {
        accounts(strategy).stream()
            .filter(a -> !a.equals(UnleashAdmin.NO_ACCOUNT))
            .forEach(found::add);
      }
    }
    return found;
  }

  private static Set<String> accounts(JsonNode strategy) {
    Set<String> accounts = new LinkedHashSet<>();
    for (JsonNode constraint : strategy.path("constraints")) {
      if (constraint.path("contextName").asText().equals(AccountFlags.ACCOUNT_SID)
          && constraint.path("operator").asText().equals("IN")) {
        constraint.path("values").forEach(v -> accounts.add(v.asText()));
      }
    }
    return accounts;
  }

  private boolean enabled(VariantFlag<?> flag) throws IOException {
    for (JsonNode env : admin.feature(flag).path("environments")) {
      if (env.path("name").asText().equals(admin.environment())) {
        return env.path("enabled").asBoolean(false);
      }
    }
    return false;
  }
}
