package io.flightdeck.postflight.read;

import io.flightdeck.auth.Callers;
import io.flightdeck.auth.Role;
import io.flightdeck.postflight.store.MessageStore;
import io.flightdeck.record.MessageFilter;
import io.flightdeck.record.MessageRecord;
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
 * Finished messages of an account, read from the shard the read map names (internal API; services'
 * bearer tokens: the aggregator, the billing consumer).
 */
@Path("/internal/v1/Accounts/{AccountSid}/Messages")
@Callers(Role.SERVICE)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Messages", description = "Finished messages, as stored post-flight")
public class MessagesReadResource {
  private final StoredRecords<MessageRecord, MessageFilter> messages;

  public MessagesReadResource(ShardReads shards, MessageStore messages) {
    this.messages =
        new StoredRecords<>(shards, messages, SidKind.MESSAGE, MessageFilter::fromQuery);
  }

  @GET
  @Path("/{Sid}")
  @Operation(summary = "A finished message by Sid (SM… or MM…): 200 with the record, else 404")
  public Uni<Response> get(
      @PathParam("AccountSid") String accountSid, @PathParam("Sid") String sid) {
    return messages.get(accountSid, sid);
  }

  @GET
  // JSON, or the public form the aggregator streams through (PublicLines)
  @Produces({MediaType.APPLICATION_JSON, PublicLines.MEDIA_TYPE})
  @Operation(
      summary = "A page of the account's finished messages, newest first by (date_created, sid)",
      description =
          "Every filter given must hold. The next page: AfterDateCreated and AfterSid of this page's last record.")
  @Parameters({
    @Parameter(
        name = "To",
        in = ParameterIn.QUERY,
        description = "Only messages to this address, exactly"),
    @Parameter(
        name = "From",
        in = ParameterIn.QUERY,
        description = "Only messages from this address, exactly"),
    @Parameter(
        name = "DateSentFrom",
        in = ParameterIn.QUERY,
        description = "Only messages sent at or after this ISO-8601 instant"),
    @Parameter(
        name = "DateSentBefore",
        in = ParameterIn.QUERY,
        description = "Only messages sent before this ISO-8601 instant")
  })
  public Uni<RecordPage<MessageRecord>> list(
      @PathParam("AccountSid") String accountSid,
      @BeanParam PageParameters page,
      @Context UriInfo uri) {
    return messages.list(accountSid, page, uri);
  }
}
