package io.flightdeck.rest.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.flightdeck.api.ErrorCode;
import io.flightdeck.record.InvalidFieldException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every client mistake into the API error body, in one place for every service: invalid
 * fields, unreadable JSON and the framework's own refusals (unknown path, wrong method, wrong media
 * type). Nothing here catches {@link Exception} at large: a defect stays a defect.
 */
public class ApiErrors {
  private static final Logger LOG = Logger.getLogger(ApiErrors.class);

  @ServerExceptionMapper
  public Response invalidField(InvalidFieldException e) {
    return ErrorResponses.of(ErrorCode.INVALID_PARAMETER, e.getMessage());
  }

  /**
   * Bodies that are not JSON, or JSON of the wrong shape; a value refused by the model names its
   * field.
   */
  @ServerExceptionMapper
  public Response unreadableBody(JsonProcessingException e) {
    Throwable cause = e.getCause();
    if (cause instanceof InvalidFieldException invalid) {
      return ErrorResponses.of(ErrorCode.INVALID_PARAMETER, invalid.getMessage());
    }
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field =
          mapping.getPath().stream()
              .map(
                  ref ->
                      ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
              .collect(Collectors.joining("."));
      return ErrorResponses.of(
          ErrorCode.INVALID_PARAMETER, "invalid value for field '" + field + "'");
    }
    return ErrorResponses.of(
        ErrorCode.BAD_REQUEST, "the request body is not valid JSON: " + e.getOriginalMessage());
  }

  /**
   * A value of the wrong shape for its field (a string that is no instant, say). Mapped on its own
   * because Quarkus maps exactly this type to a body of its own, which is not the API's.
   */
  @ServerExceptionMapper
  public Response mismatchedValue(MismatchedInputException e) {
    return unreadableBody(e);
  }

  @ServerExceptionMapper
  public Response refusedByFramework(WebApplicationException e) {
    // The JSON reader reports a body it could not bind as a bare 400 around Jackson's exception.
    if (e.getCause() instanceof JsonProcessingException unreadable) {
      return unreadableBody(unreadable);
    }
    int status = e.getResponse().getStatus();
    ErrorCode code =
        switch (status) {
          case 404 -> ErrorCode.NOT_FOUND;
          case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
          case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
          case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
          case 401 -> ErrorCode.AUTHENTICATE;
          case 403 -> ErrorCode.FORBIDDEN;
          case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
          default -> status >= 500 ? ErrorCode.INTERNAL : ErrorCode.BAD_REQUEST;
        };
    String message =
        switch (status) {
          case 404 -> "The requested resource was not found";
          case 405 -> "Method not allowed on this resource";
          case 415 -> "Content-Type must be application/json";
          case 503 -> ErrorResponses.UNNAMED_DEPENDENCY + " is unavailable; retry later";
          default -> e.getMessage();
        };
    return ErrorResponses.of(status, code, message);
  }

  /**
   * A dependency this request needs did not answer, and the caller named it: the client may retry.
   */
  @ServerExceptionMapper
  public Response dependencyUnreachable(DependencyUnreachableException e) {
    LOG.debugf(e.getCause(), "%s is unreachable", e.dependency());
    return ErrorResponses.dependencyUnreachable(e.dependency());
  }

  /**
   * A REST client's call that nobody wrapped failed: a 503 too, though it cannot say which
   * dependency.
   */
  @ServerExceptionMapper
  public Response unnamedDependencyUnreachable(ProcessingException e) {
    return ErrorResponses.dependencyUnreachable(ErrorResponses.UNNAMED_DEPENDENCY);
  }
}
