package io.flightdeck.postflight.admin;

import io.flightdeck.api.ErrorCode;
import io.flightdeck.postflight.control.CatalogueConflictException;
import io.flightdeck.postflight.control.StaleMapVersionException;
import io.flightdeck.postflight.control.UnknownShardException;
import io.flightdeck.postflight.operations.OperationRefusedException;
import io.flightdeck.postflight.operations.retirement.LiveRecordsUnknownException;
import io.flightdeck.rest.errors.ErrorResponses;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The admin API's refusals the shared mapping ({@code rest-errors}) does not know, in the API error
 * body: a map change based on a stale version and an operation refused in the current state of
 * things (409), in-flight unable to say what it holds (503). (An invalid map or field is an {@link
 * io.flightdeck.record.InvalidFieldException}, a 400 there.)
 */
public class AdminErrors {

  @ServerExceptionMapper
  public Response staleVersion(StaleMapVersionException e) {
    return ErrorResponses.of(ErrorCode.CONFLICT, e.getMessage());
  }

  @ServerExceptionMapper
  public Response catalogueConflict(CatalogueConflictException e) {
    return ErrorResponses.of(ErrorCode.CONFLICT, e.field() + ": " + e.getMessage());
  }

  @ServerExceptionMapper
  public Response unknownShard(UnknownShardException e) {
    return ErrorResponses.of(ErrorCode.NOT_FOUND, e.getMessage());
  }

  @ServerExceptionMapper
  public Response operationRefused(OperationRefusedException e) {
    return ErrorResponses.of(ErrorCode.CONFLICT, e.getMessage());
  }

  @ServerExceptionMapper
  public Response liveRecordsUnknown(LiveRecordsUnknownException e) {
    return ErrorResponses.of(ErrorCode.SERVICE_UNAVAILABLE, e.getMessage());
  }
}
