package io.flightdeck.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Finds configuration keys that hold one of the project's public development secrets: the
 * launcher's database and Unleash credentials, the local stack's bearer tokens and their hashes,
 * the aggregator's page-token key default. Such a value is fine on a developer's machine and a
 * breach anywhere else, so {@link DevelopmentSecretsCheck} refuses to start with one outside local
 * development.
 *
 * <p>Every key whose name says it holds a secret ({@code password}, {@code token} or {@code secret}
 * in it, whatever the source's spelling: {@code QUARKUS_DATASOURCE_PASSWORD} counts) is checked, so
 * a new key of that kind is covered without being listed here. A value that is a comma-separated
 * list (token hashes) is checked element by element.
 */
public final class DevelopmentSecrets {
  /**
   * The public development values. The launcher's ({@code deploy/servers}: MariaDB's and
   * PostgreSQL's passwords, Unleash's tokens and UI password) are repeated here because the
   * services do not depend on it; a test in {@code deploy/stack} checks the two lists agree.
   */
  static final Set<String> KNOWN =
      Set.of(
          "flightdeck",
          "unleash",
          "unleash4all",
          "*:*.flightdeck-local-development-admin",
          "default:development.flightdeck-local-development-client",
          "default:development.flightdeck-local-development-frontend",
          "flightdeck-local-development-page-token-key",
          DevelopmentCredentials.PRODUCER_TOKEN,
          DevelopmentCredentials.SERVICE_TOKEN,
          DevelopmentCredentials.OPERATOR_TOKEN,
          DevelopmentCredentials.PRODUCER_TOKEN_HASH,
          DevelopmentCredentials.SERVICE_TOKEN_HASH,
          DevelopmentCredentials.OPERATOR_TOKEN_HASH);

  /**
   * Keys that hold a development secret through a default of their own rather than a value any
   * source lists (a {@code @WithDefault}), so a scan of the sources' names would not meet them.
   */
  static final List<String> DEFAULTED_KEYS = List.of("flightdeck.paging.token-secret");

  private static final List<String> SECRET_WORDS = List.of("password", "token", "secret");

  private DevelopmentSecrets() {}

  /** True when {@code value} is one of the public development secrets. */
  public static boolean isDevelopmentSecret(String value) {
    return KNOWN.contains(value.strip());
  }

  /**
   * The keys, sorted, whose value is or contains a development secret.
   *
   * @param names every key the configuration knows
   * @param value a key's value; empty when it has none or it cannot be resolved
   */
  public static List<String> keysHoldingOne(
      Iterable<String> names, Function<String, Optional<String>> value) {
    Set<String> candidates = new TreeSet<>(DEFAULTED_KEYS);
    for (String name : names) {
      if (name.startsWith("%")) {
        continue; // another profile's value (%dev., %test.): not what this run uses
      }
      String lower = name.toLowerCase(Locale.ROOT);
      if (SECRET_WORDS.stream().anyMatch(lower::contains)) {
        candidates.add(name);
      }
    }
    List<String> found = new ArrayList<>();
    for (String name : candidates) {
      Optional<String> held = value.apply(name);
      if (held.isPresent()
          && List.of(held.get().split(",")).stream()
              .anyMatch(DevelopmentSecrets::isDevelopmentSecret)) {
        found.add(name);
      }
    }
    return found;
  }
}
