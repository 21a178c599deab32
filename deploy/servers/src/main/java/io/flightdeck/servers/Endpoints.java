package io.flightdeck.servers;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where the servers of a {@link ServerSet} listen, as typed endpoints and as configuration
 * properties with stable names:
 *
 * <ul>
 *   <li>{@code
 *       flightdeck.servers.mariadb.<store>.host|port|user|password|admin-user|admin-password}
 *   <li>{@code flightdeck.servers.kafka.bootstrap-servers}
 *   <li>{@code flightdeck.servers.unleash.url|api-url|admin-token|client-token|frontend-token}
 *   <li>{@code flightdeck.servers.postgres.port}
 * </ul>
 *
 * A snapshot: it includes the servers whose ports were known when it was taken. Immutable.
 */
public final class Endpoints {

  private final Map<String, MariaDbEndpoint> mariaDbs;
  private final Optional<String> kafkaBootstrapServers;
  private final Optional<UnleashEndpoint> unleash;
  private final OptionalInt postgresPort;
  private final Map<String, String> properties;

  Endpoints(
      Map<String, MariaDbEndpoint> mariaDbs,
      Optional<String> kafkaBootstrapServers,
      Optional<UnleashEndpoint> unleash,
      OptionalInt postgresPort,
      Map<String, String> properties) {
    this.mariaDbs = Collections.unmodifiableMap(new TreeMap<>(mariaDbs));
    this.kafkaBootstrapServers = kafkaBootstrapServers;
    this.unleash = unleash;
    this.postgresPort = postgresPort;
    this.properties = Collections.unmodifiableMap(new TreeMap<>(properties));
  }

  /**
   * The endpoints of servers some other provider runs (containers, say), with the same properties
   * the launcher's servers give.
   */
  public static Endpoints of(
      Map<String, MariaDbEndpoint> mariaDbs,
      Optional<String> kafkaBootstrapServers,
      Optional<UnleashEndpoint> unleash,
      OptionalInt postgresPort) {
    Map<String, String> properties = new TreeMap<>();
    mariaDbs.values().forEach(endpoint -> properties.putAll(endpoint.properties()));
    kafkaBootstrapServers.ifPresent(servers -> properties.putAll(kafkaProperties(servers)));
    unleash.ifPresent(endpoint -> properties.putAll(endpoint.properties()));
    postgresPort.ifPresent(port -> properties.putAll(postgresProperties(port)));
    return new Endpoints(mariaDbs, kafkaBootstrapServers, unleash, postgresPort, properties);
  }

  /** A Kafka broker's property, {@code flightdeck.servers.kafka.bootstrap-servers}. */
  public static Map<String, String> kafkaProperties(String bootstrapServers) {
    return Map.of("flightdeck.servers.kafka.bootstrap-servers", bootstrapServers);
  }

  /** Unleash's PostgreSQL's property, {@code flightdeck.servers.postgres.port}. */
  public static Map<String, String> postgresProperties(int port) {
    return Map.of("flightdeck.servers.postgres.port", String.valueOf(port));
  }

  /** The MariaDB server of this store; fails naming the stores there are. */
  public MariaDbEndpoint mariaDb(String store) {
    MariaDbEndpoint endpoint = mariaDbs.get(store);
    if (endpoint == null) {
      throw new IllegalStateException(
          "No MariaDB store '" + store + "' here; there are " + mariaDbs.keySet());
    }
    return endpoint;
  }

  /** The names of the MariaDB stores, sorted. */
  public Set<String> mariaDbStores() {
    return mariaDbs.keySet();
  }

  /** {@code 127.0.0.1:<port>} of the Kafka broker. */
  public String kafkaBootstrapServers() {
    return kafkaBootstrapServers.orElseThrow(
        () -> new IllegalStateException("No Kafka broker here"));
  }

  /** URLs, tokens and login of the Unleash server. */
  public UnleashEndpoint unleash() {
    return unleash.orElseThrow(() -> new IllegalStateException("No Unleash server here"));
  }

  /** The port of Unleash's PostgreSQL. */
  public int postgresPort() {
    return postgresPort.orElseThrow(() -> new IllegalStateException("No PostgreSQL server here"));
  }

  /** Every endpoint as configuration properties (names above), sorted by name. */
  public Map<String, String> properties() {
    return properties;
  }
}
