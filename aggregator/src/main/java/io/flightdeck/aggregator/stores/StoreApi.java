package io.flightdeck.aggregator.stores;

import io.flightdeck.record.CallRecord;
import io.flightdeck.record.MessageRecord;
import io.flightdeck.record.v2010.PublicLines;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import java.util.Map;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The internal read API that inflight-service and postflight-service both serve: lists newest first
 * by (date created, Sid) descending, taking {@code PageSize}, {@code AfterDateCreated} + {@code
 * AfterSid} and the filter parameters of {@code CallFilter}/{@code MessageFilter}, answered as
 * {@link PublicLines} (each record already in its public form, passed through as it is); gets
 * answer the record as JSON, 404 when it is absent.
 */
@Path("/internal/v1/Accounts/{AccountSid}")
public interface StoreApi {
  @GET
  @Path("/Calls")
  @Produces(PublicLines.MEDIA_TYPE)
  Uni<byte[]> listCalls(
      @PathParam("AccountSid") String accountSid, @RestQuery Map<String, String> query);

  @GET
  @Path("/Calls/{Sid}")
  Uni<CallRecord> getCall(@PathParam("AccountSid") String accountSid, @PathParam("Sid") String sid);

  @GET
  @Path("/Messages")
  @Produces(PublicLines.MEDIA_TYPE)
  Uni<byte[]> listMessages(
      @PathParam("AccountSid") String accountSid, @RestQuery Map<String, String> query);

  @GET
  @Path("/Messages/{Sid}")
  Uni<MessageRecord> getMessage(
      @PathParam("AccountSid") String accountSid, @PathParam("Sid") String sid);
}
