package io.flightdeck.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightdeck.auth.DevelopmentSecrets;
import io.flightdeck.auth.Tokens;
import io.flightdeck.servers.MariaDbServer;
import io.flightdeck.servers.PostgresServer;
import io.flightdeck.servers.UnleashServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every secret this machine's stack hands out is one a service recognises as a development secret,
 * so none of them can slip into a production configuration unnoticed.
 */
class StackCredentialsTest {

  @Test
  void everyLauncherAndStackSecretIsAKnownDevelopmentSecret() {
    List<String> secrets =
        List.of(
            MariaDbServer.PASSWORD,
            PostgresServer.PASSWORD,
            UnleashServer.ADMIN_TOKEN,
            UnleashServer.CLIENT_TOKEN,
            UnleashServer.FRONTEND_TOKEN,
            UnleashServer.UI_PASSWORD,
            LocalStack.DEV_PRODUCER_TOKEN,
            LocalStack.DEV_SERVICE_TOKEN,
            LocalStack.DEV_ADMIN_TOKEN);
    assertThat(secrets).allMatch(DevelopmentSecrets::isDevelopmentSecret);
    for (Map<String, String> service :
        List.of(
            StackCredentials.inflight(),
            StackCredentials.postflight(),
            StackCredentials.aggregator(),
            StackCredentials.billing())) {
      assertThat(service.values()).allMatch(DevelopmentSecrets::isDevelopmentSecret);
    }
  }

  @Test
  void eachServiceAcceptsTheHashesOfTheTokensItsCallersSend() {
    assertThat(StackCredentials.inflight())
        .containsEntry(
            "flightdeck.auth.producer-token-hashes", Tokens.hash(LocalStack.DEV_PRODUCER_TOKEN))
        .containsEntry(
            "flightdeck.auth.service-token-hashes", Tokens.hash(LocalStack.DEV_SERVICE_TOKEN));
    assertThat(StackCredentials.postflight())
        .containsEntry(
            "flightdeck.auth.service-token-hashes", Tokens.hash(LocalStack.DEV_SERVICE_TOKEN))
        .containsEntry(
            "flightdeck.auth.operator-token-hashes", Tokens.hash(LocalStack.DEV_ADMIN_TOKEN));
    assertThat(StackCredentials.aggregator())
        .containsEntry(
            "flightdeck.auth.operator-token-hashes", Tokens.hash(LocalStack.DEV_ADMIN_TOKEN))
        .containsEntry("flightdeck.auth.service-token", LocalStack.DEV_SERVICE_TOKEN);
  }
}
