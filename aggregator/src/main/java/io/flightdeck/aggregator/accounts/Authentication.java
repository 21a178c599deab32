package io.flightdeck.aggregator.accounts;

import io.flightdeck.aggregator.v2010.PublicErrors;
import io.flightdeck.record.v2010.Wire;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Who may call the public API ({@code /2010-04-01/…}), decided before any resource method runs (and
 * so before any store is read): Twilio's HTTP Basic scheme, the AccountSid as user name and its
 * auth token as password. Missing or wrong credentials are a 401 (20003) with {@code
 * WWW-Authenticate: Basic realm="Twilio API"}. A path whose AccountSid is not the caller's is a 404
 * worded exactly like a record that does not exist. (The admin API takes operators' bearer tokens,
 * checked by {@code io.flightdeck.auth}, which leaves the {@link io.flightdeck.auth.PublicApi}
 * resources to this filter.)
 *
 * <p>Paths that match no resource never get here: they are 404s for everyone.
 */
public class Authentication {
  private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");

  private final Credentials credentials;

  public Authentication(Credentials credentials) {
    this.credentials = credentials;
  }

  @ServerRequestFilter
  public Uni<Response> authenticate(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    if (!path.startsWith("/" + Wire.API_VERSION + "/")) {
      return Uni.createFrom().nullItem();
    }
    Optional<Basic> basic = Basic.parse(request.getHeaderString(HttpHeaders.AUTHORIZATION));
    if (basic.isEmpty()) {
      return Uni.createFrom()
          .item(
              PublicErrors.authenticate(
                  PublicErrors.BASIC_CHALLENGE, "Authentication Error - No credentials provided"));
    }
    String caller = basic.get().accountSid();
    return credentials
        .verify(caller, basic.get().authToken())
        .map(
            valid ->
                valid
                    ? ownAccountOnly(request, caller)
                    : PublicErrors.authenticate(PublicErrors.BASIC_CHALLENGE, "Authenticate"));
  }

  private static Response ownAccountOnly(ContainerRequestContext request, String caller) {
    String pathAccount = request.getUriInfo().getPathParameters().getFirst("AccountSid");
    return caller.equals(pathAccount)
        ? null
        : PublicErrors.notFound(request.getUriInfo().getRequestUri().getRawPath());
  }

  /** HTTP Basic credentials whose user name has an AccountSid's shape. */
  record Basic(String accountSid, String authToken) {
    static Optional<Basic> parse(String authorization) {
      if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
        return Optional.empty();
      }
      String pair;
      try {
        pair =
            new String(
                Base64.getDecoder().decode(authorization.substring(6).strip()),
                StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
      int colon = pair.indexOf(':');
      if (colon < 0
          || !ACCOUNT_SID.matcher(pair.substring(0, colon)).matches()
          || colon == pair.length() - 1) {
        return Optional.empty();
      }
      return Optional.of(new Basic(pair.substring(0, colon), pair.substring(colon + 1)));
    }
  }
}
