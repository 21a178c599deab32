package io.flightdeck.aggregator.accounts;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The operator's token for the admin API, from {@code flightdeck.admin.token}. Unset, the admin API
 * refuses every request. Compared by hash, in constant time.
 */
@ApplicationScoped
public class AdminToken {
  private final Optional<String> hash;

  public AdminToken(@ConfigProperty(name = "flightdeck.admin.token") Optional<String> token) {
    this.hash = token.filter(t -> !t.isBlank()).map(AuthTokens::hash);
  }

  public boolean configured() {
    return hash.isPresent();
  }

  public boolean matches(String presented) {
    return hash.map(h -> AuthTokens.sameHash(h, AuthTokens.hash(presented))).orElse(false);
  }
}
