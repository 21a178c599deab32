package io.flightdeck.stack;

import io.flightdeck.auth.DevelopmentCredentials;
import java.util.Map;

/**
 * The development credentials each service is started with on this machine ({@code
 * io.flightdeck.auth}): the SHA-256 hashes of the tokens it accepts, by role, and the plain token
 * it presents when it reads another service. Public values, printed by {@code up}; a service
 * started with them outside local development refuses to start.
 */
public final class StackCredentials {

  static final String PRODUCERS = "flightdeck.auth.producer-token-hashes";
  static final String SERVICES = "flightdeck.auth.service-token-hashes";
  static final String OPERATORS = "flightdeck.auth.operator-token-hashes";
  static final String SERVICE_TOKEN = "flightdeck.auth.service-token";

  private StackCredentials() {}

  /** inflight-service: producers write and read, services (the aggregator) read. */
  public static Map<String, String> inflight() {
    return Map.of(
        PRODUCERS,
        DevelopmentCredentials.PRODUCER_TOKEN_HASH,
        SERVICES,
        DevelopmentCredentials.SERVICE_TOKEN_HASH);
  }

  /**
   * postflight-service: services read finished records, operators use the admin API; it presents
   * the service token to inflight-service (retirements ask it what is still in flight).
   */
  public static Map<String, String> postflight() {
    return Map.of(
        SERVICES, DevelopmentCredentials.SERVICE_TOKEN_HASH,
        OPERATORS, DevelopmentCredentials.OPERATOR_TOKEN_HASH,
        SERVICE_TOKEN, DevelopmentCredentials.SERVICE_TOKEN);
  }

  /**
   * The aggregator: operators use the admin API; it presents the service token to both stores'
   * services.
   */
  public static Map<String, String> aggregator() {
    return Map.of(
        OPERATORS,
        DevelopmentCredentials.OPERATOR_TOKEN_HASH,
        SERVICE_TOKEN,
        DevelopmentCredentials.SERVICE_TOKEN);
  }

  /**
   * The billing consumer: services read totals, operators the accounting; it presents the service
   * token to postflight-service.
   */
  public static Map<String, String> billing() {
    return Map.of(
        SERVICES, DevelopmentCredentials.SERVICE_TOKEN_HASH,
        OPERATORS, DevelopmentCredentials.OPERATOR_TOKEN_HASH,
        SERVICE_TOKEN, DevelopmentCredentials.SERVICE_TOKEN);
  }
}
