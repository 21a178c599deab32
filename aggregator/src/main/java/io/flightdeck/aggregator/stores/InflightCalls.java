package io.flightdeck.aggregator.stores;

import io.flightdeck.record.CallPage;
import io.flightdeck.record.CallRecord;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** inflight-service's internal read API for live calls. */
@RegisterRestClient(configKey = "inflight")
@Path("/internal/v1/Accounts/{AccountSid}/Calls")
public interface InflightCalls {
  @GET
  Uni<CallPage> list(
      @PathParam("AccountSid") String accountSid,
      @QueryParam("PageSize") int pageSize,
      @QueryParam("AfterDateCreated") String afterDateCreated,
      @QueryParam("AfterSid") String afterSid);

  @GET
  @Path("/{Sid}")
  Uni<CallRecord> get(@PathParam("AccountSid") String accountSid, @PathParam("Sid") String sid);
}
