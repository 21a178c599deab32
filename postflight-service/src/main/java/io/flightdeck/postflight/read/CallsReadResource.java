package io.flightdeck.postflight.read;

import io.flightdeck.auth.Callers;
import io.flightdeck.auth.Role;
import io.flightdeck.postflight.store.CallStore;
import io.flightdeck.record.CallFilter;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.ListPosition;
import io.flightdeck.record.PageSize;
import io.flightdeck.record.RecordPage;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
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
  private final ShardReads shards;
  private final CallStore calls;

  public CallsReadResource(ShardReads shards, CallStore calls) {
    this.shards = shards;
    this.calls = calls;
  }

  @GET
  @Path("/{Sid}")
  @Operation(
      summary =
          "A finished call by Sid: 200 with the record (public field names plus version), else 404")
  public Uni<Response> get(
      @PathParam("AccountSid") String accountSid, @PathParam("Sid") String sid) {
    String call = Sid.parse(SidKind.CALL, "Sid", sid).value();
    return shards
        .read(accountSid, pool -> calls.find(pool, accountSid, call))
        .map(found -> ShardReads.foundOrNotFound(found, call));
  }

  @GET
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
      @Parameter(description = "Records per page, 1 to 1000; default 50") @QueryParam("PageSize")
          String pageSize,
      @Parameter(description = "date_created of the last record of the page before (ISO-8601)")
          @QueryParam("AfterDateCreated")
          String afterDateCreated,
      @Parameter(description = "Sid of the last record of the page before") @QueryParam("AfterSid")
          String afterSid,
      @Context UriInfo uri) {
    int size = PageSize.parse(pageSize);
    Optional<ListPosition> after = ListPosition.parse(afterDateCreated, afterSid, SidKind.CALL);
    CallFilter filter = CallFilter.fromQuery(uri.getQueryParameters()::getFirst);
    return shards
        .read(accountSid, pool -> calls.list(pool, accountSid, filter, after, size))
        .map(RecordPage::new);
  }
}
