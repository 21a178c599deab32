package io.flightdeck.servers.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Quarkus adapter, driven as Quarkus drives it, without booting an application. */
class ServersTestResourceIT {

  @Test
  void resourcesShareTheJvmsServersAndHandOutTheirEndpoints() {
    ServersTestResource first = new ServersTestResource();
    first.init(Map.of("mariadb", "inflight-0"));
    Map<String, String> properties = first.start();
    first.stop();

    ServersTestResource second = new ServersTestResource();
    second.init(Map.of("mariadb", " inflight-0 "));
    assertThat(second.start()).isEqualTo(properties);

    assertThat(properties)
        .containsEntry("flightdeck.servers.mariadb.inflight-0.user", "flightdeck")
        .containsEntry("flightdeck.servers.mariadb.inflight-0.admin-user", "flightdeck_admin")
        .containsEntry("flightdeck.servers.mariadb.inflight-0.admin-password", "flightdeck_admin")
        .containsEntry("flightdeck.servers.mariadb.inflight-0.host", "127.0.0.1")
        .containsKey("flightdeck.servers.mariadb.inflight-0.port");
    assertThat(TestServers.servers().mariaDb("inflight-0").status().running()).isTrue();
    assertThat(TestServers.mariaDb("inflight-0").port())
        .isEqualTo(Integer.parseInt(properties.get("flightdeck.servers.mariadb.inflight-0.port")));
    assertThat(TestServers.stateFolder()).endsWith(java.nio.file.Path.of("target", "servers"));
  }

  @Test
  void anUnknownArgumentIsRefusedByName() {
    assertThatThrownBy(() -> ServerRequest.fromArgs(Map.of("mariadbs", "x")))
        .hasMessageContaining("'mariadbs'")
        .hasMessageContaining("mariadb=");
  }
}
