package io.flightdeck.auth;

/**
 * The local stack's fixed bearer tokens, printed by {@code deploy/flightdeck up} and used by the
 * tests: public values for one machine, never for production. {@link DevelopmentSecrets} makes a
 * service that finds one of them (or its hash) in its configuration refuse to start outside local
 * development.
 */
public final class DevelopmentCredentials {
  /** What producers send to inflight-service on the local stack. */
  public static final String PRODUCER_TOKEN = "flightdeck-local-producer-token";

  /**
   * What the aggregator and the billing consumer send to inflight-service and postflight-service.
   */
  public static final String SERVICE_TOKEN = "flightdeck-local-service-token";

  /** What operators send to every {@code /admin/} API. */
  public static final String OPERATOR_TOKEN = "flightdeck-local-admin-token";

  /**
   * {@link Tokens#hash} of {@link #PRODUCER_TOKEN} (a literal, so it can be a configuration
   * default).
   */
  public static final String PRODUCER_TOKEN_HASH =
      "8e49599956dcb6b898d1b28c55b038bc9aff25e7fd9b2b0997d4c00cc32e67c5";

  /** {@link Tokens#hash} of {@link #SERVICE_TOKEN}. */
  public static final String SERVICE_TOKEN_HASH =
      "9427f104232a6e49e73634ff66a004883bd26c510cb47ac1bed8cc91ec2aaa6b";

  /** {@link Tokens#hash} of {@link #OPERATOR_TOKEN}. */
  public static final String OPERATOR_TOKEN_HASH =
      "f5a8bd467073429e98d31b1175b7692bfdbb375c82faf04df1ca5dc040e77c07";

  private DevelopmentCredentials() {}

  /** The value of an {@code Authorization} header carrying {@code token}. */
  public static String bearer(String token) {
    return "Bearer " + token;
  }
}
