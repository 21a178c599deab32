package io.flightdeck.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightdeck.auth.DevelopmentCredentials;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** The manifests of each overlay agree with each other and with the services' configuration. */
class CrossReferencesTest {

  @ParameterizedTest
  @ValueSource(strings = {"overlays/dev", "overlays/prod"})
  void everyReferenceResolves(String overlay) {
    List<Manifest> manifests = Overlays.render(overlay);

    assertThat(Overlays.crossReferences(overlay, manifests)).isEmpty();
  }

  @Test
  void productionCommitsNoSecret() {
    assertThat(Overlays.render("overlays/prod"))
        .extracting(Manifest::kind)
        .doesNotContain("Secret");
  }

  @Test
  void developmentSecretsAreThePublicDevelopmentTokensAndTheirHashes() {
    JsonNode data =
        Overlays.find(Overlays.render("overlays/dev"), "Secret/flightdeck-auth").path("data");

    assertThat(decode(data, "producer-token-hashes"))
        .isEqualTo(DevelopmentCredentials.PRODUCER_TOKEN_HASH);
    assertThat(decode(data, "service-token-hashes"))
        .isEqualTo(DevelopmentCredentials.SERVICE_TOKEN_HASH);
    assertThat(decode(data, "operator-token-hashes"))
        .isEqualTo(DevelopmentCredentials.OPERATOR_TOKEN_HASH);
    assertThat(decode(data, "service-token")).isEqualTo(DevelopmentCredentials.SERVICE_TOKEN);
  }

  @Test
  void developmentTurnsOnLocalDevelopmentInEveryServiceAndProductionNowhere() {
    for (String service : CrossReferences.SERVICES.keySet()) {
      String id = "ConfigMap/" + service + "-config";
      assertThat(
              Overlays.find(Overlays.render("overlays/dev"), id)
                  .path("data")
                  .path("FLIGHTDECK_LOCAL_DEVELOPMENT")
                  .asString())
          .as(id)
          .isEqualTo("true");
      assertThat(
              Overlays.find(Overlays.render("overlays/prod"), id)
                  .path("data")
                  .path("FLIGHTDECK_LOCAL_DEVELOPMENT")
                  .asString())
          .as(id)
          .isEqualTo("false");
    }
  }

  /**
   * An account's flags decide where inflight-service writes it, where the aggregator reads it and
   * what a migration flips: the three must read one Unleash environment and one legacy store, or a
   * flip would move the writes and the reads apart.
   */
  @ParameterizedTest
  @ValueSource(strings = {"overlays/dev", "overlays/prod"})
  void theServicesThatFollowTheFlagsShareTheirEnvironmentAndTheLegacyStore(String overlay) {
    List<Manifest> manifests = Overlays.render(overlay);
    JsonNode aggregator = Overlays.find(manifests, "ConfigMap/aggregator-config").path("data");
    for (String service : List.of("inflight-service", "postflight-service")) {
      JsonNode data = Overlays.find(manifests, "ConfigMap/" + service + "-config").path("data");
      for (String key :
          List.of(
              "FLIGHTDECK_FLAGS_UNLEASH_URL",
              "FLIGHTDECK_FLAGS_UNLEASH_ENVIRONMENT",
              "FLIGHTDECK_LEGACY_DB_HOST",
              "FLIGHTDECK_LEGACY_DB_PORT",
              "FLIGHTDECK_LEGACY_DB_NAME")) {
        assertThat(data.path(key).asString())
            .as("%s %s of %s", overlay, key, service)
            .isNotEmpty()
            .isEqualTo(aggregator.path(key).asString());
      }
    }
  }

  @Test
  void everyTopicIsReplicatedThreeTimesWithTwoInSyncAndARetention() {
    for (Manifest topic : Overlays.render("overlays/prod")) {
      if (topic.kind().equals("KafkaTopic")) {
        assertThat(topic.spec().path("replicas").asInt()).as(topic.id()).isEqualTo(3);
        assertThat(topic.spec().path("config").path("min.insync.replicas").asInt())
            .as(topic.id())
            .isEqualTo(2);
        assertThat(topic.spec().path("config").path("retention.ms").asLong())
            .as(topic.id())
            .isPositive();
      }
    }
  }

  @Test
  void everyStoreReplicatesByGtidWithItsOwnDomain() {
    List<Manifest> stores =
        Overlays.render("overlays/prod").stream().filter(m -> m.kind().equals("MariaDB")).toList();

    assertThat(stores)
        .extracting(Manifest::name)
        .containsExactlyInAnyOrder(
            "mariadb-inflight-0",
            "mariadb-inflight-1",
            "mariadb-shard-0",
            "mariadb-shard-1",
            "mariadb-control",
            "mariadb-legacy",
            "mariadb-billing");
    assertThat(stores)
        .allSatisfy(
            s -> {
              assertThat(s.spec().path("replication").path("enabled").asBoolean()).isTrue();
              assertThat(s.spec().path("replicas").asInt()).isGreaterThan(1);
              assertThat(s.spec().path("myCnf").asString()).contains("binlog_format=ROW");
            })
        .extracting(
            s ->
                s.spec().path("myCnf").asString().replaceAll("(?s).*gtid_domain_id=(\\d+).*", "$1"))
        .doesNotHaveDuplicates();
  }

  private static String decode(JsonNode data, String key) {
    return new String(
        Base64.getDecoder().decode(data.path(key).asString()), StandardCharsets.UTF_8);
  }
}
