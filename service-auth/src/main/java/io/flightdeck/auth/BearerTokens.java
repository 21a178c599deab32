package io.flightdeck.auth;

import jakarta.inject.Singleton;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The roles a presented bearer token holds, from the configured hashes ({@link AuthConfig}). The
 * token is hashed once and compared with every configured hash in constant time, without stopping
 * at a match, so the time taken tells nothing about which hash, or how much of one, matched.
 * Thread-safe; the hashes are read once, at start.
 */
@Singleton
public class BearerTokens {
  private final List<Map.Entry<String, Role>> hashes;
  private final Set<Role> configured;

  public BearerTokens(AuthConfig config) {
    this.hashes =
        EnumSet.allOf(Role.class).stream()
            .flatMap(
                role ->
                    config.hashesOf(role).stream()
                        .map(hash -> Map.entry(hash.strip().toLowerCase(Locale.ROOT), role)))
            .toList();
    this.configured = EnumSet.noneOf(Role.class);
    hashes.forEach(entry -> configured.add(entry.getValue()));
  }

  /** Every role whose hashes include the token's; empty for an unknown token. */
  public Set<Role> rolesOf(String token) {
    String presented = Tokens.hash(token);
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (Map.Entry<String, Role> entry : hashes) {
      if (Tokens.sameHash(entry.getKey(), presented)) {
        roles.add(entry.getValue());
      }
    }
    return roles;
  }

  /** True when at least one token hash is configured for the role. */
  public boolean accepts(Role role) {
    return configured.contains(role);
  }
}
