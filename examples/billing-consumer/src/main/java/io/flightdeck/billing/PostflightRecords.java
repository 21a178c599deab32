package io.flightdeck.billing;

import io.flightdeck.auth.ServiceCredentials;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.MessageRecord;
import io.flightdeck.record.RecordPage;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * postflight-service's internal read API: the finished records the accounting counts, read with
 * this consumer's service token ({@code flightdeck.auth.service-token}).
 */
@RegisterRestClient(configKey = "postflight")
@RegisterProvider(ServiceCredentials.class)
@Path("/internal/v1/Accounts/{AccountSid}")
public interface PostflightRecords {
  @GET
  @Path("/Calls")
  RecordPage<CallRecord> calls(
      @PathParam("AccountSid") String accountSid,
      @QueryParam("PageSize") int pageSize,
      @QueryParam("AfterDateCreated") String afterDateCreated,
      @QueryParam("AfterSid") String afterSid);

  @GET
  @Path("/Messages")
  RecordPage<MessageRecord> messages(
      @PathParam("AccountSid") String accountSid,
      @QueryParam("PageSize") int pageSize,
      @QueryParam("AfterDateCreated") String afterDateCreated,
      @QueryParam("AfterSid") String afterSid);
}
