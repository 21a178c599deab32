package io.flightdeck.servers.containers;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightdeck.servers.Endpoints;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ContainerEndpointsTest {

  @Test
  void containersAreHandedOverAsTheLaunchersPropertiesWithTheirMappedPorts() {
    Map<String, Integer> mariaDbs = new LinkedHashMap<>();
    mariaDbs.put("inflight-0", 32768);
    mariaDbs.put("shard-0", 32769);

    Endpoints endpoints =
        ContainerEndpoints.of(
            "docker-host",
            mariaDbs,
            OptionalInt.of(32770),
            OptionalInt.of(32771),
            OptionalInt.of(32772));

    Map<String, String> expected = new LinkedHashMap<>();
    for (Map.Entry<String, Integer> store : mariaDbs.entrySet()) {
      String prefix = "flightdeck.servers.mariadb." + store.getKey() + ".";
      expected.put(prefix + "host", "docker-host");
      expected.put(prefix + "port", String.valueOf(store.getValue()));
      expected.put(prefix + "user", "flightdeck");
      expected.put(prefix + "password", "flightdeck");
      expected.put(prefix + "admin-user", "flightdeck_admin");
      expected.put(prefix + "admin-password", "flightdeck_admin");
    }
    expected.put("flightdeck.servers.kafka.bootstrap-servers", "docker-host:32770");
    expected.put("flightdeck.servers.postgres.port", "32771");
    expected.put("flightdeck.servers.unleash.url", "http://docker-host:32772");
    expected.put("flightdeck.servers.unleash.api-url", "http://docker-host:32772/api/");
    expected.put(
        "flightdeck.servers.unleash.admin-token", "*:*.flightdeck-local-development-admin");
    expected.put(
        "flightdeck.servers.unleash.client-token",
        "default:development.flightdeck-local-development-client");
    expected.put(
        "flightdeck.servers.unleash.frontend-token",
        "default:development.flightdeck-local-development-frontend");
    assertThat(endpoints.properties()).containsExactlyInAnyOrderEntriesOf(expected);
    assertThat(endpoints.mariaDb("shard-0").jdbcUrl("postflight"))
        .isEqualTo("jdbc:mariadb://docker-host:32769/postflight");
    assertThat(endpoints.unleash().uiUser()).isEqualTo("admin");
  }

  @Test
  void onlyTheServersThatRunAreNamed() {
    Endpoints endpoints =
        ContainerEndpoints.of(
            "localhost", Map.of(), OptionalInt.of(9092), OptionalInt.empty(), OptionalInt.empty());

    assertThat(endpoints.properties())
        .containsExactly(Map.entry("flightdeck.servers.kafka.bootstrap-servers", "localhost:9092"));
    assertThat(endpoints.mariaDbStores()).isEmpty();
  }
}
