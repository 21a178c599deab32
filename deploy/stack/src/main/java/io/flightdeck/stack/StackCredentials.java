package io.flightdeck.stack;

import io.flightdeck.auth.DevelopmentCredentials;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The development credentials each service is started with on this machine ({@code
 * io.flightdeck.auth}): the SHA-256 hashes of the tokens it accepts, by role, and the plain token
 * it presents when it reads another service. Public values, printed by {@code up}; a service
 * started with them outside local development refuses to start.
 */
public final class StackCredentials {

  /** One credential setting of {@code io.flightdeck.auth}, with its development value. */
  private enum Setting {
    PRODUCERS("flightdeck.auth.producer-token-hashes", DevelopmentCredentials.PRODUCER_TOKEN_HASH),
    SERVICES("flightdeck.auth.service-token-hashes", DevelopmentCredentials.SERVICE_TOKEN_HASH),
    OPERATORS("flightdeck.auth.operator-token-hashes", DevelopmentCredentials.OPERATOR_TOKEN_HASH),
    SERVICE_TOKEN("flightdeck.auth.service-token", DevelopmentCredentials.SERVICE_TOKEN);

    private final String key;
    private final String value;

    Setting(String key, String value) {
      this.key = key;
      this.value = value;
    }
  }

  private StackCredentials() {}

  /** inflight-service: producers write and read, services (the aggregator) read. */
  public static Map<String, String> inflight() {
    return of(Setting.PRODUCERS, Setting.SERVICES);
  }

  /**
   * postflight-service: services read finished records, operators use the admin API; it presents
   * the service token to inflight-service (retirements ask it what is still in flight).
   */
  public static Map<String, String> postflight() {
    return of(Setting.SERVICES, Setting.OPERATORS, Setting.SERVICE_TOKEN);
  }

  /**
   * The aggregator: operators use the admin API; it presents the service token to both stores'
   * services.
   */
  public static Map<String, String> aggregator() {
    return of(Setting.OPERATORS, Setting.SERVICE_TOKEN);
  }

  /**
   * The billing consumer: services read totals, operators the accounting; it presents the service
   * token to postflight-service.
   */
  public static Map<String, String> billing() {
    return of(Setting.SERVICES, Setting.OPERATORS, Setting.SERVICE_TOKEN);
  }

  private static Map<String, String> of(Setting... settings) {
    return Arrays.stream(settings)
        .collect(Collectors.toUnmodifiableMap(setting -> setting.key, setting -> setting.value));
  }
}
