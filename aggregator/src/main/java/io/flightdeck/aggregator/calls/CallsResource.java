package io.flightdeck.aggregator.calls;

import io.flightdeck.aggregator.paging.Merge;
import io.flightdeck.aggregator.paging.PageToken;
import io.flightdeck.aggregator.paging.Position;
import io.flightdeck.aggregator.stores.CallStores;
import io.flightdeck.api.ApiError;
import io.flightdeck.api.ErrorCode;
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
import java.util.Optional;

/** The public Calls resource of Twilio's v2010 API: list and fetch, over both stores. */
@Path("/2010-04-01/Accounts/{AccountSid}")
@Produces(MediaType.APPLICATION_JSON)
public class CallsResource {
  static final int DEFAULT_PAGE_SIZE = 50;
  static final int MAX_PAGE_SIZE = 1000;

  private final CallStores stores;
  private final PageToken tokens;

  public CallsResource(CallStores stores, PageToken tokens) {
    this.stores = stores;
    this.tokens = tokens;
  }

  @GET
  @Path("/Calls.json")
  public Uni<CallList> list(
      @PathParam("AccountSid") String accountSid,
      @QueryParam("PageSize") String pageSizeText,
      @QueryParam("Page") String pageText,
      @QueryParam("PageToken") String pageToken) {
    Sid account = Sid.parse(SidKind.ACCOUNT, "AccountSid", accountSid);
    int pageSize = number("PageSize", pageSizeText, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
    int page = number("Page", pageText, 0, 0, Integer.MAX_VALUE);
    String scope = account + "/Calls";
    Optional<Position> after = Optional.ofNullable(pageToken).map(t -> tokens.read(scope, t));
    if (page > 0 && after.isEmpty()) {
      throw new InvalidFieldException("PageToken", "PageToken is required for paging.");
    }
    String path = "/2010-04-01/Accounts/" + account + "/Calls.json?PageSize=" + pageSize;
    return stores
        .list(account.value(), after, pageSize + 1)
        .map(
            both -> {
              Merge.Page merged = Merge.page(both.inflight(), both.postflight(), pageSize);
              int count = merged.records().size();
              String next =
                  merged.more()
                      ? path + "&Page=" + (page + 1) + "&PageToken="
                          + tokens.after(scope, Position.of(merged.records().get(count - 1)))
                      : null;
              String self = path + "&Page=" + page + (pageToken == null ? "" : "&PageToken=" + pageToken);
              int start = page * pageSize;
              return new CallList(
                  merged.records().stream().map(PublicCall::of).toList(),
                  count == 0 ? start : start + count - 1,
                  path + "&Page=0",
                  next,
                  page,
                  pageSize,
                  null,
                  start,
                  self);
            });
  }

  @GET
  @Path("/Calls/{Sid}.json")
  public Uni<Response> get(@PathParam("AccountSid") String accountSid, @PathParam("Sid") String sid) {
    Sid account = Sid.parse(SidKind.ACCOUNT, "AccountSid", accountSid);
    Sid call = Sid.parse(SidKind.CALL, "Sid", sid);
    String path = "/2010-04-01/Accounts/" + account + "/Calls/" + call + ".json";
    return stores
        .get(account.value(), call.value())
        .map(
            found ->
                found
                    .map(r -> Response.ok(PublicCall.of(r)).build())
                    .orElseGet(
                        () ->
                            Response.status(404)
                                .entity(ApiError.of(ErrorCode.NOT_FOUND, "The requested resource " + path + " was not found"))
                                .build()));
  }

  private static int number(String field, String text, int absent, int min, int max) {
    if (text == null) {
      return absent;
    }
    try {
      int value = Integer.parseInt(text.trim());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below, with the range
    }
    throw new InvalidFieldException(field, "%s must be a whole number from %d to %d".formatted(field, min, max));
  }
}
