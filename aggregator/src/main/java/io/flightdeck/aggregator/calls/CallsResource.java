package io.flightdeck.aggregator.calls;

import io.flightdeck.aggregator.filters.ListFilters;
import io.flightdeck.aggregator.filters.PublicQuery;
import io.flightdeck.aggregator.readpath.PublicReads;
import io.flightdeck.aggregator.readpath.ReadPathHeader;
import io.flightdeck.aggregator.stores.RecordReads;
import io.flightdeck.auth.PublicApi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The public Calls resource of Twilio's v2010 API: list (with Twilio's filters) and fetch, over
 * both stores. Callers are authenticated, and the path's account is theirs, before any method here
 * runs ({@code accounts.Authentication}).
 */
@Path("/2010-04-01/Accounts/{AccountSid}")
@PublicApi
@Produces(MediaType.APPLICATION_JSON)
public class CallsResource {
  private final PublicReads reads;

  public CallsResource(PublicReads reads) {
    this.reads = reads;
  }

  /**
   * Newest first. Query: {@code To}, {@code From}, {@code ParentCallSid}, {@code Status}, {@code
   * StartTime}, {@code StartTime<}, {@code StartTime>}, {@code EndTime}, {@code EndTime<}, {@code
   * EndTime>}, {@code PageSize}, {@code Page}, {@code PageToken} (see the module README).
   */
  @GET
  @Path("/Calls.json")
  public Uni<RestResponse<CallList>> list(
      @PathParam("AccountSid") String accountSid, @Parameter(hidden = true) @Context UriInfo uri) {
    PublicQuery query = PublicQuery.parse(uri.getRequestUri().getRawQuery());
    return reads
        .list(
            RecordReads.CALLS,
            accountSid,
            query,
            ListFilters.calls(query).toQuery(),
            ListFilters.CALL_PARAMETERS)
        .map(
            page ->
                ReadPathHeader.ok(
                    new CallList(
                        page.records().stream().map(PublicCall::of).toList(), page.envelope()),
                    page.path()));
  }

  @GET
  @Path("/Calls/{Sid}.json")
  public Uni<RestResponse<PublicCall>> get(
      @PathParam("AccountSid") String accountSid, @PathParam("Sid") String sid) {
    return reads
        .get(RecordReads.CALLS, accountSid, sid)
        .map(found -> ReadPathHeader.ok(PublicCall.of(found.record()), found.path()));
  }
}
