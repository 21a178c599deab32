package io.flightdeck.postflight.read;

import io.flightdeck.api.ApiError;
import io.flightdeck.api.ErrorCode;
import io.flightdeck.postflight.routing.Routing;
import io.flightdeck.postflight.store.CallStore;
import io.flightdeck.record.CallPage;
import io.flightdeck.record.InvalidFieldException;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Finished calls of an account, read from the shard the read map names (internal API). */
@Path("/internal/v1/Accounts/{AccountSid}/Calls")
@Produces(MediaType.APPLICATION_JSON)
public class CallsReadResource {
  private static final int MAX_PAGE = 1000;

  private final Routing routing;
  private final CallStore calls;

  public CallsReadResource(Routing routing, CallStore calls) {
    this.routing = routing;
    this.calls = calls;
  }

  @GET
  @Path("/{Sid}")
  public Uni<Response> get(@PathParam("AccountSid") String accountSid, @PathParam("Sid") String sid) {
    Sid account = Sid.parse(SidKind.ACCOUNT, "AccountSid", accountSid);
    Sid call = Sid.parse(SidKind.CALL, "Sid", sid);
    Routing.Route route = routing.forRead(account.value()).orElseThrow(() -> noShard(account));
    return calls
        .find(route.pool(), account.value(), call.value())
        .map(
            found ->
                found
                    .map(r -> Response.ok(r).build())
                    .orElseGet(
                        () ->
                            Response.status(404)
                                .entity(ApiError.of(ErrorCode.NOT_FOUND, "The requested resource " + call + " was not found"))
                                .build()));
  }

  /** Newest first by (date created, Sid); {@code AfterDateCreated} + {@code AfterSid} continue a listing. */
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
    if ((afterDateCreated == null) != (afterSid == null)) {
      throw new InvalidFieldException("AfterSid", "AfterDateCreated and AfterSid go together");
    }
    Optional<Instant> afterDate = Optional.ofNullable(afterDateCreated).map(CallsReadResource::instant);
    Optional<String> after = Optional.ofNullable(afterSid).map(s -> Sid.parse(SidKind.CALL, "AfterSid", s).value());
    Routing.Route route = routing.forRead(account.value()).orElseThrow(() -> noShard(account));
    return calls.list(route.pool(), account.value(), afterDate, after, size).map(CallPage::new);
  }

  private static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidFieldException("AfterDateCreated", "AfterDateCreated must be an ISO-8601 instant");
    }
  }

  private static IllegalStateException noShard(Sid account) {
    return new IllegalStateException("the read map covers no shard for " + account);
  }
}
