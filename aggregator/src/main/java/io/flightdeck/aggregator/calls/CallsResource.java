package io.flightdeck.aggregator.calls;

import io.flightdeck.aggregator.filters.ListFilters;
import io.flightdeck.aggregator.readpath.PublicReads;
import io.flightdeck.aggregator.readpath.PublicResource;
import io.flightdeck.aggregator.stores.RecordReads;
import io.flightdeck.auth.PublicApi;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.v2010.PublicCall;
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
  private static final PublicResource<CallRecord, PublicCall, CallList> CALLS =
      new PublicResource<>(
          RecordReads.CALLS,
          query -> ListFilters.calls(query).toQuery(),
          ListFilters.CALL_PARAMETERS,
          PublicCall::of,
          CallList::new);

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
    return CALLS.list(reads, accountSid, uri);
  }

  @GET
  @Path("/Calls/{Sid}.json")
  public Uni<RestResponse<PublicCall>> get(
      @PathParam("AccountSid") String accountSid, @PathParam("Sid") String sid) {
    return CALLS.get(reads, accountSid, sid);
  }
}
