package io.flightdeck.rest.errors;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flightdeck.api.ErrorCode;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * The body limit {@code flightdeck.http.max-body-size} for bodies sent without a length (chunked),
 * which {@link BodySizeLimit} cannot see before the body is read: such a body is read here, before
 * the REST layer, and at the first byte over the limit the answer is a 413 in the API's error body.
 * (Quarkus's own limit answers an empty 413, or failed with a 500 for a chunked JSON body.) A body
 * within the limit reaches the REST layer as if it had been read there.
 */
@Singleton
public class ChunkedBodyLimit {
  private final long maxBytes;
  private final ObjectMapper json;

  public ChunkedBodyLimit(HttpLimits limits, ObjectMapper json) {
    this.maxBytes = limits.maxBodySize();
    this.json = json;
  }

  void readBodiesWithoutLength(@Observes Router router) {
    BodyHandler body = BodyHandler.create(false).setBodyLimit(maxBytes);
    router
        .route()
        .order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT)
        .handler(
            context -> {
              if (withoutLength(context.request())) {
                body.handle(context);
              } else {
                context.next();
              }
            })
        .failureHandler(this::refuseOversized);
  }

  private static boolean withoutLength(HttpServerRequest request) {
    return request.getHeader(HttpHeaders.CONTENT_LENGTH) == null
        && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
  }

  private void refuseOversized(RoutingContext context) {
    if (context.statusCode() != 413 || context.response().ended()) {
      context.next();
      return;
    }
    ErrorResponses.end(
        context.response(),
        ErrorCode.PAYLOAD_TOO_LARGE,
        "the request body is too large: more than %d bytes".formatted(maxBytes),
        json);
  }
}
