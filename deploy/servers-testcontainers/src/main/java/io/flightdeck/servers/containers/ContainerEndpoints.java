package io.flightdeck.servers.containers;

import io.flightdeck.servers.Endpoints;
import io.flightdeck.servers.MariaDbEndpoint;
import io.flightdeck.servers.MariaDbServer;
import io.flightdeck.servers.UnleashEndpoint;
import io.flightdeck.servers.UnleashServer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where servers in containers are reached, as the launcher would say it: the same users, passwords,
 * tokens and {@code flightdeck.servers.*} properties, with the Docker host and the containers'
 * mapped ports in place of loopback and the launcher's ports. This mapping is the provider's whole
 * contract with the tests, so it is a pure function, tested without Docker.
 */
final class ContainerEndpoints {

  private ContainerEndpoints() {}

  /**
   * @param host the Docker host's address, as Testcontainers gives it
   * @param mariaDbPorts each store's mapped MariaDB port
   * @param kafkaPort the broker's mapped port, if one runs
   * @param postgresPort PostgreSQL's mapped port, if one runs
   * @param unleashPort Unleash's mapped port, if one runs
   */
  static Endpoints of(
      String host,
      Map<String, Integer> mariaDbPorts,
      OptionalInt kafkaPort,
      OptionalInt postgresPort,
      OptionalInt unleashPort) {
    Map<String, MariaDbEndpoint> mariaDbs = new LinkedHashMap<>();
    mariaDbPorts.forEach(
        (store, port) ->
            mariaDbs.put(
                store,
                new MariaDbEndpoint(
                    store,
                    host,
                    port,
                    MariaDbServer.USER,
                    MariaDbServer.PASSWORD,
                    MariaDbServer.ADMIN_USER,
                    MariaDbServer.ADMIN_PASSWORD)));
    Optional<String> kafka =
        kafkaPort.isPresent() ? Optional.of(host + ":" + kafkaPort.getAsInt()) : Optional.empty();
    Optional<UnleashEndpoint> unleash =
        unleashPort.isPresent()
            ? Optional.of(unleash(host, unleashPort.getAsInt()))
            : Optional.empty();
    return Endpoints.of(mariaDbs, kafka, unleash, postgresPort);
  }

  private static UnleashEndpoint unleash(String host, int port) {
    String url = "http://" + host + ":" + port;
    return new UnleashEndpoint(
        url,
        url + "/api/",
        UnleashServer.ADMIN_TOKEN,
        UnleashServer.CLIENT_TOKEN,
        UnleashServer.FRONTEND_TOKEN,
        UnleashServer.UI_USER,
        UnleashServer.UI_PASSWORD);
  }
}
