package io.flightdeck.rest.errors;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The limits every service holds requests to, answered in the API's error body ({@link
 * UriLengthLimit}, {@link BodySizeLimit}, {@link ChunkedBodyLimit}, {@link ConcurrencyLimit}), and
 * where the operations endpoints are served (service-auth's {@code OperationsEndpoints}). Quarkus's
 * own limits stay far above these as backstops: they answer before any application code, without a
 * body.
 */
@ConfigMapping(prefix = "flightdeck.http")
public interface HttpLimits {
  /**
   * The longest request URI, in characters, answered; a longer one is a 400. Keep {@code
   * quarkus.http.limits.max-initial-line-length} above it (architecture-tests' {@code
   * HttpLimitsTest} checks every service).
   */
  @WithDefault("8192")
  int maxUriLength();

  /**
   * How many requests the service works on at once ({@link ConcurrencyLimit}); one more is a 503
   * with {@code Retry-After} until one of them is answered. What a request holds while it is worked
   * on (a page of records, a body) then has a bound, so overload is refused instead of becoming an
   * out-of-memory error. {@code /q/} (health, metrics) is not counted.
   */
  @WithDefault("256")
  int maxConcurrentRequests();

  /** The largest request body, in bytes, read; a larger one is a 413. */
  @WithDefault("65536")
  long maxBodySize();

  /**
   * Whether {@code /q/metrics}, {@code /q/openapi} and {@code /q/swagger-ui} answer on every
   * interface; by default only requests arriving on loopback see them, others get a 404.
   */
  @WithDefault("false")
  boolean operationsOnPublicInterface();
}
