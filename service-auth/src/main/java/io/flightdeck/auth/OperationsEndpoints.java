package io.flightdeck.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flightdeck.api.ErrorCode;
import io.flightdeck.rest.errors.ErrorResponses;
import io.flightdeck.rest.errors.HttpLimits;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Keeps {@code /q/metrics}, {@code /q/openapi} and {@code /q/swagger-ui} off the public interface:
 * unless {@code flightdeck.http.operations-on-public-interface=true}, they answer only requests
 * that reached the service on a loopback address (a collector or port-forward on the same host or
 * pod), and everyone else gets the 404 of a path that does not exist. {@code /q/health} stays open
 * to all, for probes. The local stack and the tests call on 127.0.0.1, so for them nothing changes.
 *
 * <p>A run-time rule rather than Quarkus's management interface, which is fixed when the jar is
 * built: the local stack runs the same jar as production and keeps these endpoints on the service's
 * own port.
 */
@Singleton
public class OperationsEndpoints {
  private static final List<String> OPERATIONS_PATHS =
      List.of("/q/metrics", "/q/openapi", "/q/swagger-ui");

  /** Before Quarkus's own handlers and the application's routes. */
  private static final int PRIORITY = 1000;

  void register(@Observes Filters filters, ObjectMapper json, HttpLimits limits) {
    if (limits.operationsOnPublicInterface()) {
      return;
    }
    filters.register(
        request -> {
          if (isOperationsPath(request.normalizedPath()) && !arrivedOnLoopback(request)) {
            ErrorResponses.end(
                request.response(),
                ErrorCode.NOT_FOUND,
                "The requested resource was not found",
                json);
          } else {
            request.next();
          }
        },
        PRIORITY);
  }

  static boolean isOperationsPath(String path) {
    return OPERATIONS_PATHS.stream()
        .anyMatch(p -> path.equals(p) || path.startsWith(p + "/") || path.startsWith(p + "."));
  }

  private static boolean arrivedOnLoopback(RoutingContext request) {
    SocketAddress local = request.request().localAddress();
    if (local == null || local.hostAddress() == null) {
      return false; // not an IP connection: not provably local
    }
    try {
      return InetAddress.getByName(local.hostAddress())
          .isLoopbackAddress(); // a literal address: no lookup
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
