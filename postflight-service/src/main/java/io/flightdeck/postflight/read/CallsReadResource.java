package io.flightdeck.postflight.read;

import io.flightdeck.auth.Callers;
import io.flightdeck.auth.Role;
import io.flightdeck.postflight.store.CallStore;
import io.flightdeck.record.CallFilter;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.RecordPage;
import io.flightdeck.record.SidKind;
import io.flightdeck.record.v2010.PublicLines;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameters;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Finished calls of an account, read from the shard the read map names (internal API; services'
 * bearer tokens: the aggregator, the billing consumer).
 */
@Path("/internal/v1/Accounts/{AccountSid}/Calls")
@Callers(Role.SERVICE)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Calls", description = "Finished calls, as stored post-flight")
public class CallsReadResource {
  private final StoredRecords<CallRecord, CallFilter> calls;

  public CallsReadResource(ShardReads shards, CallStore calls) {
    this.calls = new StoredRecords<>(shards, calls, SidKind.CALL, CallFilter::fromQuery);
  }

  @GET
  @Path("/{Sid}")
  @Operation(
      summary =
          "A finished call by Sid: 200 with the record (public field names plus version), else 404")
  public Uni<Response> get(
      @PathParam("AccountSid") String accountSid, @PathParam("Sid") String sid) {
    return calls.get(accountSid, sid);
  }

  @GET
  // JSON, or the public form the aggregator streams through (PublicLines)
  @Produces({MediaType.APPLICATION_JSON, PublicLines.MEDIA_TYPE})
  @Operation(
      summary = "A page of the account's finished calls, newest first by (date_created, sid)",
      description =
          "Every filter given must hold. The next page: AfterDateCreated and AfterSid of this page's last record.")
  @Parameters({
    @Parameter(
        name = "To",
        in = ParameterIn.QUERY,
        description = "Only calls to this address, exactly"),
    @Parameter(
        name = "From",
        in = ParameterIn.QUERY,
        description = "Only calls from this address, exactly"),
    @Parameter(
        name = "ParentCallSid",
        in = ParameterIn.QUERY,
        description = "Only calls spawned by this call (CA…)"),
    @Parameter(
        name = "Status",
        in = ParameterIn.QUERY,
        description =
            "Only calls in this status (queued, ringing, in-progress, completed, busy, failed, no-answer, canceled)"),
    @Parameter(
        name = "StartTimeFrom",
        in = ParameterIn.QUERY,
        description = "Only calls that started at or after this ISO-8601 instant"),
    @Parameter(
        name = "StartTimeBefore",
        in = ParameterIn.QUERY,
        description = "Only calls that started before this ISO-8601 instant"),
    @Parameter(
        name = "EndTimeFrom",
        in = ParameterIn.QUERY,
        description = "Only calls that ended at or after this ISO-8601 instant"),
    @Parameter(
        name = "EndTimeBefore",
        in = ParameterIn.QUERY,
        description = "Only calls that ended before this ISO-8601 instant")
  })
  public Uni<RecordPage<CallRecord>> list(
      @PathParam("AccountSid") String accountSid,
      @BeanParam PageParameters page,
      @Context UriInfo uri) {
    return calls.list(accountSid, page, uri);
  }
}
