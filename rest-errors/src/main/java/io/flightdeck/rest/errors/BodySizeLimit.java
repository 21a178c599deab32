package io.flightdeck.rest.errors;

import io.flightdeck.api.ErrorCode;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a request whose declared body is over {@code flightdeck.http.max-body-size} bytes with a
 * 413 in the API's error body, before the body is read. A body sent without a length (chunked) is
 * held to the same limit by {@link ChunkedBodyLimit}. (Quarkus's own limit, {@code
 * quarkus.http.limits.max-body-size}, answers before any application code with an empty 413, so
 * services set it well above this one and keep it as a backstop only.)
 */
public class BodySizeLimit {
  private final long maxBytes;

  public BodySizeLimit(HttpLimits limits) {
    this.maxBytes = limits.maxBodySize();
  }

  @ServerRequestFilter(preMatching = true)
  public Response refuseOversized(ContainerRequestContext request) {
    int length = request.getLength();
    if (length > maxBytes) {
      return ErrorResponses.of(
          ErrorCode.PAYLOAD_TOO_LARGE,
          "the request body is too large: %d bytes, at most %d".formatted(length, maxBytes));
    }
    return null;
  }
}
