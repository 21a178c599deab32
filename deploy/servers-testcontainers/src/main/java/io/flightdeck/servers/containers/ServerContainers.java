package io.flightdeck.servers.containers;

import io.flightdeck.servers.MariaDbAccounts;
import io.flightdeck.servers.MariaDbOptions;
import io.flightdeck.servers.PostgresServer;
import io.flightdeck.servers.UnleashServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The containers, configured as the launcher configures its processes: MariaDB with the launcher's
 * server settings ({@link MariaDbOptions#serverSettings}) and accounts ({@link MariaDbAccounts}), a
 * single-node KRaft Kafka of the platform's version with the launcher's topic defaults, PostgreSQL
 * with Unleash's database, and Unleash with the launcher's tokens. Defining one starts nothing (and
 * needs no Docker engine).
 */
final class ServerContainers {

  static final String MARIADB_IMAGE = "mariadb:11.4";

  /** The broker matches the platform's kafka-clients, as the launcher's does. */
  static final String KAFKA_IMAGE = "apache/kafka:4.1.1";

  static final String POSTGRES_IMAGE = "postgres:17";

  /** The Unleash version of deploy/unleash's Node package. */
  static final String UNLEASH_IMAGE = "unleashorg/unleash-server:8.2.0";

  static final int MARIADB_PORT = 3306;

  /** The broker's listener for clients outside Docker (its container maps it). */
  static final int KAFKA_PORT = 9092;

  static final int POSTGRES_PORT = 5432;
  static final int UNLEASH_PORT = 4242;

  /** Unleash finds its PostgreSQL by this name on the containers' network. */
  static final String POSTGRES_ALIAS = "postgres";

  private static final String ROOT_PASSWORD = "flightdeck-local-development-root";

  private ServerContainers() {}

  /**
   * A store's MariaDB; {@code serverId} is its replication identity (server id and GTID domain),
   * distinct per store as the launcher's ports make them.
   */
  static GenericContainer<?> mariaDb(int serverId) {
    List<String> command = new ArrayList<>(MariaDbOptions.serverSettings(serverId, serverId));
    return new GenericContainer<>(DockerImageName.parse(MARIADB_IMAGE))
        .withExposedPorts(MARIADB_PORT)
        .withEnv("MARIADB_ROOT_PASSWORD", ROOT_PASSWORD)
        .withCopyToContainer(
            Transferable.of(MariaDbAccounts.setUp()),
            "/docker-entrypoint-initdb.d/flightdeck-accounts.sql")
        .withCommand(command.toArray(String[]::new))
        // The first start runs a temporary server without networking (port 0) for the scripts.
        .waitingFor(
            Wait.forLogMessage(".*port: " + MARIADB_PORT + ".*", 1)
                .withStartupTimeout(Duration.ofMinutes(2)));
  }

  static KafkaContainer kafka() {
    return new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE))
        .withEnv(
            Map.of(
                "KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true",
                "KAFKA_NUM_PARTITIONS", "3",
                "KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0",
                "KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS", "10"));
  }

  static GenericContainer<?> postgres(Network network) {
    return new GenericContainer<>(DockerImageName.parse(POSTGRES_IMAGE))
        .withNetwork(network)
        .withNetworkAliases(POSTGRES_ALIAS)
        .withExposedPorts(POSTGRES_PORT)
        .withEnv(
            Map.of(
                "POSTGRES_USER", PostgresServer.USER,
                "POSTGRES_PASSWORD", PostgresServer.PASSWORD,
                "POSTGRES_DB", PostgresServer.DATABASE))
        // Logged once by the init server, once by the real one.
        .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*", 2));
  }

  static GenericContainer<?> unleash(Network network) {
    return new GenericContainer<>(DockerImageName.parse(UNLEASH_IMAGE))
        .withNetwork(network)
        .withExposedPorts(UNLEASH_PORT)
        .withEnv(
            Map.of(
                "DATABASE_HOST", POSTGRES_ALIAS,
                "DATABASE_PORT", String.valueOf(POSTGRES_PORT),
                "DATABASE_USERNAME", PostgresServer.USER,
                "DATABASE_PASSWORD", PostgresServer.PASSWORD,
                "DATABASE_NAME", PostgresServer.DATABASE,
                "DATABASE_SSL", "false",
                "INIT_ADMIN_API_TOKENS", UnleashServer.ADMIN_TOKEN,
                "INIT_BACKEND_API_TOKENS", UnleashServer.CLIENT_TOKEN,
                "INIT_FRONTEND_API_TOKENS", UnleashServer.FRONTEND_TOKEN))
        .waitingFor(
            Wait.forHttp("/health").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(3)));
  }
}
