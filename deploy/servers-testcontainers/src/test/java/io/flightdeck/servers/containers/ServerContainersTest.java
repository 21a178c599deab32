package io.flightdeck.servers.containers;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightdeck.servers.MariaDbOptions;
import io.flightdeck.servers.UnleashServer;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;

/**
 * The containers are configured as the launcher configures its processes (no Docker needed; an
 * image is only resolved, and pulled, when a container starts).
 */
class ServerContainersTest {

  @Test
  void aStoresMariaDbRunsWithTheLaunchersServerSettingsAndItsOwnReplicationIdentity() {
    GenericContainer<?> server = ServerContainers.mariaDb(1002);

    assertThat(server.getExposedPorts()).containsExactly(3306);
    assertThat(server.getCommandParts())
        .containsExactlyElementsOf(MariaDbOptions.serverSettings(1002, 1002))
        .contains("--log-bin=mysql-bin", "--binlog-format=ROW", "--gtid-domain-id=1002");
  }

  @Test
  void kafkaHasTheLaunchersTopicDefaults() {
    GenericContainer<?> broker = ServerContainers.kafka();

    assertThat(broker.getEnvMap())
        .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")
        .containsEntry("KAFKA_NUM_PARTITIONS", "3");
  }

  @Test
  void unleashGetsTheLaunchersTokensAndFindsItsPostgresByName() {
    try (Network network = Network.newNetwork()) {
      GenericContainer<?> postgres = ServerContainers.postgres(network);
      GenericContainer<?> unleash = ServerContainers.unleash(network);

      assertThat(postgres.getNetworkAliases()).contains("postgres");
      assertThat(postgres.getEnvMap())
          .containsEntry("POSTGRES_USER", "unleash")
          .containsEntry("POSTGRES_DB", "unleash");
      assertThat(unleash.getEnvMap())
          .containsEntry("DATABASE_HOST", "postgres")
          .containsEntry("INIT_ADMIN_API_TOKENS", UnleashServer.ADMIN_TOKEN)
          .containsEntry("INIT_BACKEND_API_TOKENS", UnleashServer.CLIENT_TOKEN)
          .containsEntry("INIT_FRONTEND_API_TOKENS", UnleashServer.FRONTEND_TOKEN);
      assertThat(unleash.getExposedPorts()).containsExactly(4242);
    }
  }
}
