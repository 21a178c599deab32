package io.flightdeck.aggregator.messages;

import io.flightdeck.aggregator.filters.ListFilters;
import io.flightdeck.aggregator.readpath.PublicReads;
import io.flightdeck.aggregator.readpath.PublicResource;
import io.flightdeck.aggregator.stores.RecordReads;
import io.flightdeck.auth.PublicApi;
import io.flightdeck.record.MessageRecord;
import io.flightdeck.record.v2010.PublicMessage;
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
 * The public Messages resource of Twilio's v2010 API (SM… and MM… Sids): list and fetch on the same
 * read path as calls.
 */
@Path("/2010-04-01/Accounts/{AccountSid}")
@PublicApi
@Produces(MediaType.APPLICATION_JSON)
public class MessagesResource {
  private static final PublicResource<MessageRecord, PublicMessage, MessageList> MESSAGES =
      new PublicResource<>(
          RecordReads.MESSAGES,
          query -> ListFilters.messages(query).toQuery(),
          ListFilters.MESSAGE_PARAMETERS,
          PublicMessage::of,
          MessageList::new);

  private final PublicReads reads;

  public MessagesResource(PublicReads reads) {
    this.reads = reads;
  }

  /**
   * Newest first (by date created). Query: {@code To}, {@code From}, {@code DateSent}, {@code
   * DateSent<}, {@code DateSent>}, {@code PageSize}, {@code Page}, {@code PageToken}.
   */
  @GET
  @Path("/Messages.json")
  public Uni<RestResponse<MessageList>> list(
      @PathParam("AccountSid") String accountSid, @Parameter(hidden = true) @Context UriInfo uri) {
    return MESSAGES.list(reads, accountSid, uri);
  }

  @GET
  @Path("/Messages/{Sid}.json")
  public Uni<RestResponse<PublicMessage>> get(
      @PathParam("AccountSid") String accountSid, @PathParam("Sid") String sid) {
    return MESSAGES.get(reads, accountSid, sid);
  }
}
