package io.flightdeck.inflight.lifecycle;

import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.ListPosition;
import io.flightdeck.record.PageSize;
import io.flightdeck.record.RecordPage;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.flightdeck.record.Status;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.function.Function;

/**
 * The producers' API of one kind of record, whatever the kind: the path and query parameters
 * checked (a malformed one is a 400 naming it), then the create, get, transition or list of the
 * write path. {@link CallsResource} and {@link MessagesResource} are its thin JAX-RS faces: they
 * keep the paths, roles, parameters and body types that the OpenAPI document shows, and nothing
 * else.
 */
final class RecordEndpoints<R extends LifecycleRecord, S extends Enum<S> & Status> {
  private final RecordType<R, S> type;
  private final SidKind sidKind;
  private final String noun;
  private final Function<UriInfo, ListFilters.Live<R>> filters;
  private final WritePaths paths;

  /**
   * @param noun the kind as a refusal names it ({@code call}, {@code message})
   * @param filters the list filters of a request's query
   */
  RecordEndpoints(
      RecordType<R, S> type,
      SidKind sidKind,
      String noun,
      Function<UriInfo, ListFilters.Live<R>> filters,
      WritePaths paths) {
    this.type = type;
    this.sidKind = sidKind;
    this.noun = noun;
    this.filters = filters;
    this.paths = paths;
  }

  /** 201 with the new record; a retry with the same {@code Idempotency-Key}, 200 with the same. */
  Uni<Response> create(String accountSid, String idempotencyKey, NewRecord<R> request) {
    Sid account = account(accountSid);
    Answers.requireBody(request, "describing the " + noun);
    return paths
        .create(type, account, request, Answers.idempotencyKey(idempotencyKey))
        .map(Answers::created);
  }

  Uni<Response> get(String accountSid, String sid) {
    Sid account = account(accountSid);
    Sid record = Sid.parse(sidKind, "Sid", sid);
    return paths.find(type, account, record.value()).map(found -> Answers.found(found, record));
  }

  /** 200 with the record (also when it already had the status), 409 with the reason if illegal. */
  Uni<Response> transition(String accountSid, String sid, Transition<R, S> change) {
    Sid account = account(accountSid);
    Sid record = Sid.parse(sidKind, "Sid", sid);
    Answers.requireBody(change, "with the new status");
    return paths
        .transition(type, account, record.value(), change)
        .map(outcome -> Answers.transitioned(outcome, record));
  }

  /** Newest first (date created, then Sid, descending), after the position given if any. */
  Uni<RecordPage<R>> list(
      UriInfo uri, String accountSid, String pageSize, String afterDateCreated, String afterSid) {
    Sid account = account(accountSid);
    return paths
        .list(
            type,
            account,
            ListPosition.parse(afterDateCreated, afterSid, sidKind),
            filters.apply(uri),
            PageSize.parseStoreRead(pageSize))
        .map(RecordPage::new);
  }

  private static Sid account(String accountSid) {
    return Sid.parse(SidKind.ACCOUNT, "AccountSid", accountSid);
  }
}
