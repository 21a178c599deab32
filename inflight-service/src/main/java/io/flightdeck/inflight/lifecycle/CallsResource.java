package io.flightdeck.inflight.lifecycle;

import io.flightdeck.auth.Callers;
import io.flightdeck.auth.Role;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.CallStatus;
import io.flightdeck.record.RecordPage;
import io.flightdeck.record.SidKind;
import io.flightdeck.record.v2010.PublicLines;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameters;

/**
 * The producers' API for live calls (internal; paths fixed in DESIGN.md): producers' bearer tokens
 * write and read; services' (the aggregator's) only read.
 */
@Path("/internal/v1/Accounts/{AccountSid}/Calls")
@Callers(Role.PRODUCER)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CallsResource {
  private final RecordEndpoints<CallRecord, CallStatus> calls;

  public CallsResource(WritePaths paths) {
    this.calls =
        new RecordEndpoints<>(RecordType.CALLS, SidKind.CALL, "call", ListFilters::calls, paths);
  }

  /**
   * Creates a call; a retry with the same {@code Idempotency-Key} answers 200 with the same call.
   */
  @POST
  public Uni<Response> create(
      @PathParam("AccountSid") String accountSid,
      @HeaderParam("Idempotency-Key") String idempotencyKey,
      NewCall request) {
    return calls.create(accountSid, idempotencyKey, request);
  }

  @GET
  @Callers({Role.PRODUCER, Role.SERVICE})
  @Path("/{Sid}")
  public Uni<Response> get(
      @PathParam("AccountSid") String accountSid, @PathParam("Sid") String sid) {
    return calls.get(accountSid, sid);
  }

  /**
   * Moves a call to a new status: 200 with the record (also when it already had it), 409 with the
   * reason if illegal.
   */
  @POST
  @Path("/{Sid}/Transitions")
  public Uni<Response> transition(
      @PathParam("AccountSid") String accountSid,
      @PathParam("Sid") String sid,
      CallTransition change) {
    return calls.transition(accountSid, sid, change);
  }

  /**
   * An account's live calls, newest first (date created, then Sid, descending). {@code
   * AfterDateCreated} and {@code AfterSid} continue after the last record of a previous page; the
   * filters are record-contract's, in their internal form.
   */
  @GET
  // JSON, or the public form the aggregator streams through (PublicLines)
  @Produces({MediaType.APPLICATION_JSON, PublicLines.MEDIA_TYPE})
  @Callers({Role.PRODUCER, Role.SERVICE})
  @Parameters({
    @Parameter(
        name = "To",
        in = ParameterIn.QUERY,
        description = "only calls to this number or address"),
    @Parameter(
        name = "From",
        in = ParameterIn.QUERY,
        description = "only calls from this number or address"),
    @Parameter(
        name = "ParentCallSid",
        in = ParameterIn.QUERY,
        description = "only calls spawned by this call (CA…)"),
    @Parameter(name = "Status", in = ParameterIn.QUERY, description = "only calls in this status"),
    @Parameter(
        name = "StartTimeFrom",
        in = ParameterIn.QUERY,
        description = "only calls started at or after this instant",
        schema = @Schema(format = "date-time")),
    @Parameter(
        name = "StartTimeBefore",
        in = ParameterIn.QUERY,
        description = "only calls started before this instant",
        schema = @Schema(format = "date-time")),
    @Parameter(
        name = "EndTimeFrom",
        in = ParameterIn.QUERY,
        description = "only calls ended at or after this instant",
        schema = @Schema(format = "date-time")),
    @Parameter(
        name = "EndTimeBefore",
        in = ParameterIn.QUERY,
        description = "only calls ended before this instant",
        schema = @Schema(format = "date-time"))
  })
  public Uni<RecordPage<CallRecord>> list(
      @Context UriInfo uri,
      @PathParam("AccountSid") String accountSid,
      @QueryParam("PageSize") String pageSize,
      @QueryParam("AfterDateCreated") String afterDateCreated,
      @QueryParam("AfterSid") String afterSid) {
    return calls.list(uri, accountSid, pageSize, afterDateCreated, afterSid);
  }
}
