package io.flightdeck.aggregator.v2010;

import io.flightdeck.api.ErrorCode;
import io.flightdeck.rest.errors.ErrorResponses;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The public API's own refusals, in Twilio's words: "not found" that names the path (the same
 * answer for a record that does not exist and for another account's), and "authenticate" with the
 * challenge clients expect.
 */
public class PublicErrors {
  /** The challenge of Twilio's HTTP Basic scheme. */
  public static final String BASIC_CHALLENGE = "Basic realm=\"Twilio API\"";

  /** Twilio's 20404 for {@code path}: {@code The requested resource <path> was not found}. */
  public static Response notFound(String path) {
    return ErrorResponses.of(
        ErrorCode.NOT_FOUND, "The requested resource " + path + " was not found");
  }

  /** Twilio's 20003 with a {@code WWW-Authenticate} challenge. */
  public static Response authenticate(String challenge, String message) {
    return ErrorResponses.of(
        ErrorCode.AUTHENTICATE, message, HttpHeaders.WWW_AUTHENTICATE, challenge);
  }

  @ServerExceptionMapper
  public Response noSuchResource(NoSuchResource e) {
    return notFound(e.path());
  }

  /** Nothing at {@code path} for this caller; answered as {@link #notFound}. */
  public static final class NoSuchResource extends RuntimeException {
    private final String path;

    public NoSuchResource(String path) {
      super("no resource at " + path, null, false, false);
      this.path = path;
    }

    public String path() {
      return path;
    }
  }
}
