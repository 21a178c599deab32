package io.flightdeck.postflight.admin;

import io.flightdeck.api.ApiError;
import io.flightdeck.api.ErrorCode;
import io.flightdeck.postflight.control.StaleMapVersionException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The admin API's one refusal the shared mapping ({@code rest-errors}) does not know: a map change
 * based on a stale version, a 409 in the API error body. (An invalid map is an
 * {@link io.flightdeck.record.InvalidFieldException}, a 400 there.)
 */
public class AdminErrors {

  @ServerExceptionMapper
  public Response staleVersion(StaleMapVersionException e) {
    return Response.status(409).type(MediaType.APPLICATION_JSON).entity(ApiError.of(ErrorCode.CONFLICT, e.getMessage())).build();
  }
}
