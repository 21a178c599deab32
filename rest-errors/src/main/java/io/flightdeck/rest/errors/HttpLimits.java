package io.flightdeck.rest.errors;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The limits every service holds requests to, answered in the API's error body ({@link
 * UriLengthLimit}, {@link BodySizeLimit}, {@link ChunkedBodyLimit}), and where the operations
 * endpoints are served (service-auth's {@code OperationsEndpoints}). Quarkus's own limits stay far
 * above these as backstops: they answer before any application code, without a body.
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
