package io.flightdeck.rest.errors;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bound {@code flightdeck.http.max-concurrent-requests} on the requests a service works on at
 * once. A request beyond it is answered at once, before the REST layer reads anything, with a 503
 * in the API's error body and {@code Retry-After}; a client (Twilio's helper libraries retry a 5xx)
 * comes back when the requests before it are answered.
 *
 * <p>Why: without it, overload turns into memory. Clients that time out and ask again leave their
 * first requests running, each holding its pages of records, until the heap is gone (the aggregator
 * ran out of its 256 MB heap under ten clients walking 1,000-record pages on two busy cores). A
 * request is counted from its arrival until its answer is written or its connection closes.
 * Requests under {@code /q/} (health, metrics) are not counted, so a service at its limit still
 * says it is alive.
 */
@Singleton
public class ConcurrencyLimit {
  private final int max;
  private final ObjectMapper json;
  private final AtomicInteger inProgress = new AtomicInteger();

  public ConcurrencyLimit(HttpLimits limits, ObjectMapper json) {
    this.max = limits.maxConcurrentRequests();
    this.json = json;
  }

  void countRequests(@Observes Router router) {
    router.route().order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::admit);
  }

  private void admit(RoutingContext context) {
    if (context.normalizedPath().startsWith("/q/")) {
      context.next();
      return;
    }
    if (inProgress.incrementAndGet() > max) {
      inProgress.decrementAndGet();
      ErrorResponses.endRetryLater(
          context.response(),
          "the service is working on its limit of %d requests; retry later".formatted(max),
          json);
      return;
    }
    context.addEndHandler(done -> inProgress.decrementAndGet());
    context.next();
  }
}
