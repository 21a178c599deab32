package io.flightdeck.servers.testing;

import io.flightdeck.servers.ServerSetBuilder;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which servers a test needs, from a test resource's init args: {@code mariadb=inflight-0,control},
 * {@code kafka=true}, {@code unleash=true} (brings PostgreSQL), {@code postgres=true}. Requests add
 * up: a JVM runs the union of all its tests' requests.
 *
 * @param mariaDbStores the MariaDB stores, one server each
 * @param kafka whether the Kafka broker is needed
 * @param postgres whether PostgreSQL is needed
 * @param unleash whether Unleash is needed
 */
public record ServerRequest(
    Set<String> mariaDbStores, boolean kafka, boolean postgres, boolean unleash) {

  /** Nothing at all. */
  public static final ServerRequest NONE = new ServerRequest(Set.of(), false, false, false);

  public ServerRequest {
    mariaDbStores = Collections.unmodifiableSet(new LinkedHashSet<>(mariaDbStores));
  }

  public static ServerRequest mariaDb(String... stores) {
    return new ServerRequest(new LinkedHashSet<>(Arrays.asList(stores)), false, false, false);
  }

  public static ServerRequest kafkaBroker() {
    return new ServerRequest(Set.of(), true, false, false);
  }

  public static ServerRequest unleashServer() {
    return new ServerRequest(Set.of(), false, true, true);
  }

  /**
   * Reads init args; unknown keys fail, naming the known ones (a typo would otherwise start
   * nothing).
   */
  public static ServerRequest fromArgs(Map<String, String> args) {
    ServerRequest request = NONE;
    for (Map.Entry<String, String> arg : args.entrySet()) {
      String value = arg.getValue() == null ? "" : arg.getValue().trim();
      ServerRequest more =
          switch (arg.getKey()) {
            case "mariadb" ->
                mariaDb(
                    Arrays.stream(value.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toArray(String[]::new));
            case "kafka" -> Boolean.parseBoolean(value) ? kafkaBroker() : NONE;
            case "unleash" -> Boolean.parseBoolean(value) ? unleashServer() : NONE;
            case "postgres" ->
                Boolean.parseBoolean(value)
                    ? new ServerRequest(Set.of(), false, true, false)
                    : NONE;
            default ->
                throw new IllegalArgumentException(
                    "Unknown server argument '"
                        + arg.getKey()
                        + "'; use mariadb=<store>,<store>, kafka=true, unleash=true, postgres=true");
          };
      request = request.and(more);
    }
    return request;
  }

  /** Everything either request needs. */
  public ServerRequest and(ServerRequest other) {
    Set<String> stores = new LinkedHashSet<>(mariaDbStores);
    stores.addAll(other.mariaDbStores);
    return new ServerRequest(
        stores,
        kafka || other.kafka,
        postgres || other.postgres || unleash || other.unleash,
        unleash || other.unleash);
  }

  /** Adds the requested servers to a set being built. */
  public ServerSetBuilder addTo(ServerSetBuilder builder) {
    builder.mariaDb(mariaDbStores.toArray(String[]::new));
    if (kafka) {
      builder.kafka();
    }
    if (postgres) {
      builder.postgres();
    }
    if (unleash) {
      builder.unleash();
    }
    return builder;
  }
}
