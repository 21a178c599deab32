package io.flightdeck.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DevelopmentSecretsTest {

  private static List<String> found(Map<String, String> config) {
    return DevelopmentSecrets.keysHoldingOne(
        config.keySet(), name -> Optional.ofNullable(config.get(name)));
  }

  @Test
  void namesEveryKeyHoldingADevelopmentSecret() {
    assertThat(
            found(
                Map.of(
                    "quarkus.datasource.password", "flightdeck",
                    "flightdeck.paging.token-secret", "flightdeck-local-development-page-token-key",
                    "flightdeck.auth.service-token", DevelopmentCredentials.SERVICE_TOKEN,
                    "flightdeck.flags.unleash.client-token",
                        "default:development.flightdeck-local-development-client")))
        .containsExactly(
            "flightdeck.auth.service-token",
            "flightdeck.flags.unleash.client-token",
            "flightdeck.paging.token-secret",
            "quarkus.datasource.password");
  }

  @Test
  void findsADevelopmentHashAmongProductionOnes() {
    String rotated = "a".repeat(64) + "," + DevelopmentCredentials.OPERATOR_TOKEN_HASH;
    assertThat(found(Map.of("flightdeck.auth.operator-token-hashes", rotated)))
        .containsExactly("flightdeck.auth.operator-token-hashes");
    assertThat(
            found(
                Map.of(
                    "flightdeck.auth.operator-token-hashes",
                    "a".repeat(64) + "," + "b".repeat(64))))
        .isEmpty();
  }

  @Test
  void readsKeysAsAnySourceSpellsThem() {
    assertThat(found(Map.of("QUARKUS_DATASOURCE_LEGACY_PASSWORD", "flightdeck")))
        .containsExactly("QUARKUS_DATASOURCE_LEGACY_PASSWORD");
  }

  @Test
  void checksTheKeysWhoseDevelopmentValueIsADefaultNoSourceLists() {
    assertThat(
            DevelopmentSecrets.keysHoldingOne(
                List.of(),
                name ->
                    name.equals("flightdeck.paging.token-secret")
                        ? Optional.of("flightdeck-local-development-page-token-key")
                        : Optional.empty()))
        .containsExactly("flightdeck.paging.token-secret");
  }

  @Test
  void leavesOwnSecretsOtherProfilesAndNonSecretKeysAlone() {
    assertThat(
            found(
                Map.of(
                    "quarkus.datasource.password", "a-password-of-our-own",
                    "quarkus.datasource.username", "flightdeck",
                    "flightdeck.accounts.db.name", "flightdeck",
                    "%test.flightdeck.auth.producer-token-hashes",
                        DevelopmentCredentials.PRODUCER_TOKEN_HASH)))
        .isEmpty();
  }

  @Test
  void aKeyWithoutAValueHoldsNothing() {
    assertThat(
            DevelopmentSecrets.keysHoldingOne(
                List.of("flightdeck.auth.service-token"), name -> Optional.empty()))
        .isEmpty();
  }
}
