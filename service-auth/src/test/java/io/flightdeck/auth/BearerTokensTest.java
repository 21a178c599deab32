package io.flightdeck.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BearerTokensTest {

  private static AuthConfig config(
      Set<String> producers, Set<String> services, Set<String> operators) {
    return new AuthConfig() {
      @Override
      public Optional<Set<String>> producerTokenHashes() {
        return Optional.of(producers).filter(s -> !s.isEmpty());
      }

      @Override
      public Optional<Set<String>> serviceTokenHashes() {
        return Optional.of(services).filter(s -> !s.isEmpty());
      }

      @Override
      public Optional<Set<String>> operatorTokenHashes() {
        return Optional.of(operators).filter(s -> !s.isEmpty());
      }

      @Override
      public Optional<String> serviceToken() {
        return Optional.empty();
      }

      @Override
      public Duration cacheTtl() {
        return Duration.ofSeconds(5);
      }
    };
  }

  @Test
  void aTokenHoldsTheRolesWhoseHashesListIt() {
    BearerTokens tokens =
        new BearerTokens(
            config(
                Set.of(Tokens.hash("p")),
                Set.of(Tokens.hash("s")),
                Set.of(Tokens.hash("o"), Tokens.hash("o2"))));
    assertThat(tokens.rolesOf("p")).containsExactly(Role.PRODUCER);
    assertThat(tokens.rolesOf("s")).containsExactly(Role.SERVICE);
    assertThat(tokens.rolesOf("o2")).containsExactly(Role.OPERATOR);
    assertThat(tokens.rolesOf("nobody")).isEmpty();
    assertThat(tokens.rolesOf(Tokens.hash("p"))).as("the hash itself is no token").isEmpty();
  }

  @Test
  void hashesMayBeWrittenInUpperCaseOrWithSpaces() {
    BearerTokens tokens =
        new BearerTokens(
            config(Set.of(" " + Tokens.hash("p").toUpperCase() + " "), Set.of(), Set.of()));
    assertThat(tokens.rolesOf("p")).containsExactly(Role.PRODUCER);
  }

  @Test
  void aRoleWithoutHashesAcceptsNobody() {
    BearerTokens tokens = new BearerTokens(config(Set.of(Tokens.hash("p")), Set.of(), Set.of()));
    assertThat(tokens.accepts(Role.PRODUCER)).isTrue();
    assertThat(tokens.accepts(Role.OPERATOR)).isFalse();
  }
}
