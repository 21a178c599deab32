package io.flightdeck.rest.errors;

import io.flightdeck.api.ErrorCode;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses request URIs longer than {@code flightdeck.http.max-uri-length} with a 400 in the error
 * body, before routing. Vert.x's own limit ({@code quarkus.http.limits.max-initial-line-length})
 * answers with a bare 414 and no body, so it is set far above this one and stays only a backstop.
 */
public class UriLengthLimit {
  private final int maxLength;

  public UriLengthLimit(HttpLimits limits) {
    this.maxLength = limits.maxUriLength();
  }

  @ServerRequestFilter(preMatching = true)
  public Response refuseLongUris(HttpServerRequest request) {
    if (request.uri().length() > maxLength) {
      return ErrorResponses.of(
          ErrorCode.BAD_REQUEST,
          "the request URI is too long: at most %d characters".formatted(maxLength));
    }
    return null;
  }
}
