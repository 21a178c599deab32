package io.flightdeck.inflight.lifecycle;

import io.flightdeck.auth.Callers;
import io.flightdeck.auth.Role;
import io.flightdeck.record.MessageRecord;
import io.flightdeck.record.MessageStatus;
import io.flightdeck.record.RecordPage;
import io.flightdeck.record.SidKind;
import io.flightdeck.record.v2010.PublicLines;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameters;

/**
 * The producers' API for live messages (internal; paths fixed in DESIGN.md): producers' bearer
 * tokens write and read; services' (the aggregator's) only read.
 */
@Path("/internal/v1/Accounts/{AccountSid}/Messages")
@Callers(Role.PRODUCER)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MessagesResource {
  private final RecordEndpoints<MessageRecord, MessageStatus> messages;

  public MessagesResource(WritePaths paths) {
    this.messages =
        new RecordEndpoints<>(
            RecordType.MESSAGES, SidKind.MESSAGE, "message", ListFilters::messages, paths);
  }

  /**
   * Creates a message; a retry with the same {@code Idempotency-Key} answers 200 with the same
   * message.
   */
  @POST
  public Uni<Response> create(
      @PathParam("AccountSid") String accountSid,
      @HeaderParam("Idempotency-Key") String idempotencyKey,
      NewMessage request) {
    return messages.create(accountSid, idempotencyKey, request);
  }

  @GET
  @Callers({Role.PRODUCER, Role.SERVICE})
  @Path("/{Sid}")
  public Uni<Response> get(
      @PathParam("AccountSid") String accountSid, @PathParam("Sid") String sid) {
    return messages.get(accountSid, sid);
  }

  /**
   * Moves a message to a new status: 200 with the record (also when it already had it), 409 with
   * the reason if illegal.
   */
  @POST
  @Path("/{Sid}/Transitions")
  public Uni<Response> transition(
      @PathParam("AccountSid") String accountSid,
      @PathParam("Sid") String sid,
      MessageTransition change) {
    return messages.transition(accountSid, sid, change);
  }

  /**
   * An account's live messages, newest first (date created, then Sid, descending). {@code
   * AfterDateCreated} and {@code AfterSid} continue after the last record of a previous page; the
   * filters are record-contract's, in their internal form.
   */
  @GET
  // JSON, or the public form the aggregator streams through (PublicLines)
  @Produces({MediaType.APPLICATION_JSON, PublicLines.MEDIA_TYPE})
  @Callers({Role.PRODUCER, Role.SERVICE})
  @Parameters({
    @Parameter(
        name = "To",
        in = ParameterIn.QUERY,
        description = "only messages to this number or address"),
    @Parameter(
        name = "From",
        in = ParameterIn.QUERY,
        description = "only messages from this number or address"),
    @Parameter(
        name = "DateSentFrom",
        in = ParameterIn.QUERY,
        description = "only messages sent at or after this instant",
        schema = @Schema(format = "date-time")),
    @Parameter(
        name = "DateSentBefore",
        in = ParameterIn.QUERY,
        description = "only messages sent before this instant",
        schema = @Schema(format = "date-time"))
  })
  public Uni<RecordPage<MessageRecord>> list(
      @Context UriInfo uri,
      @PathParam("AccountSid") String accountSid,
      @QueryParam("PageSize") String pageSize,
      @QueryParam("AfterDateCreated") String afterDateCreated,
      @QueryParam("AfterSid") String afterSid) {
    return messages.list(uri, accountSid, pageSize, afterDateCreated, afterSid);
  }
}
