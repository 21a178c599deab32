package io.flightdeck.rest.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flightdeck.api.ApiError;
import io.flightdeck.api.ErrorCode;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The one place an error answer of a Flightdeck API is built, for every service, filter and
 * exception mapper: the status is the {@link ErrorCode}'s, the body is {@link ApiError} as JSON
 * (code, message, more_info, status). Whoever refuses a request chooses the code and the message;
 * nothing else about the answer is theirs to vary.
 */
public final class ErrorResponses {
  /** The dependency a 503 names when the failure does not say which one it was. */
  static final String UNNAMED_DEPENDENCY = "a store this request needs";

  private ErrorResponses() {}

  /** {@code code}'s status with {@code message} in the error body. */
  public static Response of(ErrorCode code, String message) {
    return of(code.httpStatus(), code, message);
  }

  /**
   * As {@link #of(ErrorCode, String)}, with one header more (a {@code WWW-Authenticate} challenge,
   * a {@code Retry-After}).
   */
  public static Response of(ErrorCode code, String message, String header, Object value) {
    return builder(code.httpStatus(), code, message).header(header, value).build();
  }

  /**
   * How many seconds a 503's {@code Retry-After} asks a client to wait: outages this answers (a
   * store restarting, an in-flight node failing over) are noticed within a second.
   */
  static final int RETRY_AFTER_SECONDS = 1;

  /**
   * 503: {@code dependency} (a service, a shard, a database: {@code "inflight-service"}, {@code
   * "shard shard-1"}) did not answer, so neither does this request; the client may retry, after
   * {@code Retry-After}.
   */
  public static Response dependencyUnreachable(String dependency) {
    return of(
        ErrorCode.SERVICE_UNAVAILABLE,
        dependency + " is unavailable; retry later",
        "Retry-After",
        RETRY_AFTER_SECONDS);
  }

  /**
   * The same answer written straight to Vert.x, for refusals given before the REST layer (a route
   * filter, a body handler).
   */
  public static void end(
      HttpServerResponse response, ErrorCode code, String message, ObjectMapper json) {
    String body;
    try {
      body = json.writeValueAsString(ApiError.of(code, message));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an ApiError is always JSON", e);
    }
    response
        .setStatusCode(code.httpStatus())
        .putHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON)
        .end(body);
  }

  /**
   * As {@link #end}, a 503 whose {@code Retry-After} asks the client to come back: for refusals of
   * a moment (the service is at its limit of requests in progress), given before the REST layer.
   */
  public static void endRetryLater(HttpServerResponse response, String message, ObjectMapper json) {
    response.putHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
    end(response, ErrorCode.SERVICE_UNAVAILABLE, message, json);
  }

  /**
   * For the framework's own refusals, whose status the framework chose and may have no code of its
   * own.
   */
  static Response of(int status, ErrorCode code, String message) {
    return builder(status, code, message).build();
  }

  private static Response.ResponseBuilder builder(int status, ErrorCode code, String message) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON)
        .entity(new ApiError(code.code(), message, code.moreInfo(), status));
  }
}
