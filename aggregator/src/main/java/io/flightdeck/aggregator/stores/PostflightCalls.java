package io.flightdeck.aggregator.stores;

import io.flightdeck.record.CallPage;
import io.flightdeck.record.CallRecord;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** postflight-service's internal read API for finished calls (it routes to the shard itself). */
@RegisterRestClient(configKey = "postflight")
@Path("/internal/v1/Accounts/{AccountSid}/Calls")
public interface PostflightCalls {
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
