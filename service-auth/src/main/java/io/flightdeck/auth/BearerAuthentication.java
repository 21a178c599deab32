package io.flightdeck.auth;

import io.flightdeck.api.ErrorCode;
import io.flightdeck.rest.errors.ErrorResponses;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Decides, before any resource method runs (so before a body is bound or a store is touched),
 * whether the request's bearer token may call the matched resource ({@link Callers}; neither that
 * nor {@link PublicApi}: operators only):
 *
 * <ul>
 *   <li>no {@code Authorization: Bearer …}, or a token no role holds: 401, code 20003, with {@code
 *       WWW-Authenticate: Bearer realm="Flightdeck"} (and {@code error="invalid_token"} for a wrong
 *       token, RFC 6750);
 *   <li>a valid token of a role the resource does not allow: 403, code 20403, {@code
 *       error="insufficient_scope"}.
 * </ul>
 *
 * Both in the API error body. Paths that match no resource never get here (404 for everyone), and
 * neither do the {@code /q/} endpoints, which are not REST resources: health stays open.
 */
public class BearerAuthentication {
  static final String REALM = "Bearer realm=\"Flightdeck\"";
  private static final Role[] OPERATORS_ONLY = {Role.OPERATOR};

  private final BearerTokens tokens;

  public BearerAuthentication(BearerTokens tokens) {
    this.tokens = tokens;
  }

  @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
  public Response authenticate(ContainerRequestContext request, ResourceInfo resource) {
    Class<?> type = resource.getResourceClass();
    if (type == null || type.isAnnotationPresent(PublicApi.class)) {
      return null;
    }
    List<Role> allowed = List.of(allowed(type, resource.getResourceMethod()));
    String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (authorization == null
        || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        || authorization.substring(7).isBlank()) {
      return refusal(
          ErrorCode.AUTHENTICATE,
          REALM,
          "this API needs Authorization: Bearer <token>, a token of: "
              + names(allowed)
              + unconfigured(allowed));
    }
    Set<Role> held = tokens.rolesOf(authorization.substring(7).strip());
    if (held.isEmpty()) {
      return refusal(
          ErrorCode.AUTHENTICATE,
          REALM + ", error=\"invalid_token\"",
          "the bearer token is not one this service accepts; this API needs a token of: "
              + names(allowed));
    }
    if (allowed.stream().noneMatch(held::contains)) {
      return refusal(
          ErrorCode.FORBIDDEN,
          REALM + ", error=\"insufficient_scope\"",
          "the bearer token is a token of: "
              + names(List.copyOf(held))
              + "; this API needs a token of: "
              + names(allowed));
    }
    return null;
  }

  private static Role[] allowed(Class<?> type, Method method) {
    Callers callers = method == null ? null : method.getAnnotation(Callers.class);
    if (callers == null) {
      callers = type.getAnnotation(Callers.class);
    }
    return callers == null ? OPERATORS_ONLY : callers.value();
  }

  /** Why the right token cannot exist: no role allowed here has a token configured. */
  private String unconfigured(List<Role> allowed) {
    if (allowed.stream().anyMatch(tokens::accepts)) {
      return "";
    }
    return " (this service accepts none yet: "
        + allowed.stream().map(Role::hashesKey).collect(Collectors.joining(", "))
        + " unset)";
  }

  private static String names(List<Role> roles) {
    return roles.stream().sorted().map(Role::label).collect(Collectors.joining(", "));
  }

  private static Response refusal(ErrorCode code, String challenge, String message) {
    return ErrorResponses.of(code, message, HttpHeaders.WWW_AUTHENTICATE, challenge);
  }
}
