package io.flightdeck.stack;

import io.flightdeck.servers.ServerSetBuilder;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ports the local stack listens on. The five named ones have fixed defaults (DESIGN.md, "Local
 * stack"); MariaDB and PostgreSQL get ports of the launcher's choosing, remembered in the state
 * folder, unless {@code others} fixes them by server name ({@code mariadb-inflight-0}, {@code
 * postgres}, ...).
 *
 * @param aggregator the public API's port
 * @param inflight inflight-service's port
 * @param postflight postflight-service's port
 * @param unleash the Unleash server's port (UI and APIs)
 * @param kafka the broker's bootstrap port
 * @param others ports fixed for any other server or service of the stack, by its name
 */
public record StackPorts(
    int aggregator,
    int inflight,
    int postflight,
    int unleash,
    int kafka,
    Map<String, Integer> others) {

  public static final int AGGREGATOR = 8080;
  public static final int INFLIGHT = 8081;
  public static final int POSTFLIGHT = 8082;
  public static final int UNLEASH = 4242;
  public static final int KAFKA = 9092;

  public StackPorts {
    others = Map.copyOf(others);
  }

  /** The documented defaults. */
  public static StackPorts defaults() {
    return new StackPorts(AGGREGATOR, INFLIGHT, POSTFLIGHT, UNLEASH, KAFKA, Map.of());
  }

  /** Every fixed port by server or service name; the named ones win over {@code others}. */
  public Map<String, Integer> byName() {
    Map<String, Integer> ports = new TreeMap<>(others);
    ports.put(LocalStack.AGGREGATOR, aggregator);
    ports.put(LocalStack.INFLIGHT, inflight);
    ports.put(LocalStack.POSTFLIGHT, postflight);
    ports.put("unleash", unleash);
    ports.put("kafka", kafka);
    return ports;
  }

  /**
   * Fixes every port on the builder.
   *
   * @throws IllegalArgumentException naming a port out of range or a server the stack does not have
   *     (at build)
   */
  void applyTo(ServerSetBuilder builder) {
    byName().forEach(builder::port);
  }
}
