package io.flightdeck.inflight.lifecycle;

import io.flightdeck.api.ApiError;
import io.flightdeck.api.ErrorCode;
import io.flightdeck.inflight.lifecycle.CallLifecycle.Position;
import io.flightdeck.record.CallPage;
import io.flightdeck.record.InvalidFieldException;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The producers' API for live calls (internal; paths fixed in DESIGN.md). */
@Path("/internal/v1/Accounts/{AccountSid}/Calls")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CallsResource {
  private static final int MAX_PAGE = 1000;

  private final CallLifecycle lifecycle;

  public CallsResource(CallLifecycle lifecycle) {
    this.lifecycle = lifecycle;
  }

  @POST
  public Uni<Response> create(
      @PathParam("AccountSid") String accountSid,
      @HeaderParam("Idempotency-Key") String idempotencyKey,
      NewCall request) {
    Sid account = Sid.parse(SidKind.ACCOUNT, "AccountSid", accountSid);
    if (request == null) {
      throw new InvalidFieldException("body", "a JSON body describing the call is required");
    }
    if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 255)) {
      throw new InvalidFieldException("Idempotency-Key", "Idempotency-Key must be 1 to 255 characters");
    }
    return lifecycle
        .create(account, request, Optional.ofNullable(idempotencyKey))
        .map(created -> Response.status(created.isNew() ? 201 : 200).entity(created.record()).build());
  }

  @GET
  @Path("/{Sid}")
  public Uni<Response> get(@PathParam("AccountSid") String accountSid, @PathParam("Sid") String sid) {
    Sid account = Sid.parse(SidKind.ACCOUNT, "AccountSid", accountSid);
    Sid call = Sid.parse(SidKind.CALL, "Sid", sid);
    return lifecycle
        .find(account, call.value())
        .map(found -> found.map(r -> Response.ok(r).build()).orElseGet(() -> notFound(call)));
  }

  @POST
  @Path("/{Sid}/Transitions")
  public Uni<Response> transition(
      @PathParam("AccountSid") String accountSid, @PathParam("Sid") String sid, CallTransition change) {
    Sid account = Sid.parse(SidKind.ACCOUNT, "AccountSid", accountSid);
    Sid call = Sid.parse(SidKind.CALL, "Sid", sid);
    if (change == null) {
      throw new InvalidFieldException("body", "a JSON body with the new status is required");
    }
    return lifecycle
        .transition(account, call.value(), change)
        .map(
            outcome -> {
              if (outcome instanceof TransitionOutcome.Applied applied) {
                return Response.ok(applied.record()).build();
              }
              if (outcome instanceof TransitionOutcome.Refused refused) {
                return conflict(refused.reason());
              }
              if (outcome instanceof TransitionOutcome.LostRace) {
                return conflict("the call changed concurrently too often; read it and retry");
              }
              return notFound(call);
            });
  }

  /**
   * An account's live calls, newest first (date created, then Sid, descending). {@code
   * AfterDateCreated} and {@code AfterSid} continue after the last record of a previous page.
   */
  @GET
  public Uni<CallPage> list(
      @PathParam("AccountSid") String accountSid,
      @QueryParam("PageSize") Integer pageSize,
      @QueryParam("AfterDateCreated") String afterDateCreated,
      @QueryParam("AfterSid") String afterSid) {
    Sid account = Sid.parse(SidKind.ACCOUNT, "AccountSid", accountSid);
    int size = pageSize == null ? 50 : pageSize;
    if (size < 1 || size > MAX_PAGE) {
      throw new InvalidFieldException("PageSize", "PageSize must be between 1 and " + MAX_PAGE);
    }
    Optional<Position> after = position(afterDateCreated, afterSid);
    return lifecycle.list(account, after, size).map(CallPage::new);
  }

  private static Optional<Position> position(String dateCreated, String sid) {
    if (dateCreated == null && sid == null) {
      return Optional.empty();
    }
    if (dateCreated == null || sid == null) {
      throw new InvalidFieldException("AfterSid", "AfterDateCreated and AfterSid go together");
    }
    try {
      return Optional.of(new Position(Instant.parse(dateCreated), Sid.parse(SidKind.CALL, "AfterSid", sid).value()));
    } catch (DateTimeParseException e) {
      throw new InvalidFieldException("AfterDateCreated", "AfterDateCreated must be an ISO-8601 instant");
    }
  }

  private static Response notFound(Sid call) {
    return Response.status(404)
        .entity(ApiError.of(ErrorCode.NOT_FOUND, "The requested resource " + call + " was not found"))
        .build();
  }

  private static Response conflict(String reason) {
    return Response.status(409).entity(ApiError.of(ErrorCode.CONFLICT, reason)).build();
  }
}
