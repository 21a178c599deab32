package io.flightdeck.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The bearer tokens a service accepts, by role, and the one it presents when it calls another
 * service. Accepted tokens are configured only as their SHA-256 ({@link Tokens#hash}, lower-case
 * hex), never in plain, so a leaked configuration file lets nobody in. Several hashes per role let
 * a token be rotated without downtime: add the new one, move the callers, remove the old one.
 *
 * <p>No token key has a default: a role whose hashes are unset is refused (401), and a service
 * without a service token sends none. The local stack and the {@code %dev}/{@code %test} profiles
 * set the public values of {@link DevelopmentCredentials}.
 */
@ConfigMapping(prefix = "flightdeck.auth")
public interface AuthConfig {
  /**
   * SHA-256 hashes of the tokens producers present (inflight-service's writes and reads). Unset: no
   * producer is accepted.
   */
  Optional<Set<String>> producerTokenHashes();

  /**
   * SHA-256 hashes of the tokens other services present to read records. Unset: no service is
   * accepted.
   */
  Optional<Set<String>> serviceTokenHashes();

  /**
   * SHA-256 hashes of the operators' tokens, for every {@code /admin/} API. Unset: every admin
   * request is refused.
   */
  Optional<Set<String>> operatorTokenHashes();

  /**
   * The token, in plain, this service presents as {@code Authorization: Bearer …} when it reads
   * another service (the aggregator, the billing consumer). Unset: it presents none, and is
   * refused.
   */
  Optional<String> serviceToken();

  /**
   * The aggregator's public API only: how long a verified account token hash is reused before the
   * accounts store is read again, so how long another instance accepts a rotated-out auth token.
   */
  @WithDefault("5s")
  Duration cacheTtl();

  /** The configured hashes of a role's tokens, empty when none is. */
  default Set<String> hashesOf(Role role) {
    Optional<Set<String>> hashes =
        switch (role) {
          case PRODUCER -> producerTokenHashes();
          case SERVICE -> serviceTokenHashes();
          case OPERATOR -> operatorTokenHashes();
        };
    return hashes.orElse(Set.of());
  }
}
