package io.flightdeck.aggregator.readpath;

import io.flightdeck.aggregator.filters.PublicQuery;
import io.flightdeck.aggregator.paging.Envelope;
import io.flightdeck.aggregator.stores.RecordReads;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.v2010.ListedRecord;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * One public v2010 resource on the read path, the same for calls and messages: how its filter is
 * read from the public query, how a record is shown, and how a page is wrapped. The JAX-RS classes
 * ({@code CallsResource}, {@code MessagesResource}) declare only their paths and hand every request
 * here; every answer carries the {@link ReadPathHeader}.
 *
 * @param filter the list's filter, from the public query, in its internal query form
 * @param filterParameters the public parameters that make up the filter, repeated in page URIs
 * @param shown a record as the public API shows it
 * @param page a page of records, each in its public form as the store encoded it, beside its
 *     envelope
 */
public record PublicResource<R extends LifecycleRecord, P, L>(
    RecordReads<R> reads,
    Function<PublicQuery, Map<String, String>> filter,
    List<String> filterParameters,
    Function<R, P> shown,
    BiFunction<List<ListedRecord>, Envelope, L> page) {

  /** The page the request's query asks for, newest first. */
  public Uni<RestResponse<L>> list(PublicReads on, String accountSid, UriInfo uri) {
    PublicQuery query = PublicQuery.parse(uri.getRequestUri().getRawQuery());
    return on.list(reads, accountSid, query, filter.apply(query), filterParameters)
        .map(
            listed ->
                ReadPathHeader.ok(page.apply(listed.records(), listed.envelope()), listed.path()));
  }

  /** The account's record {@code sid}. */
  public Uni<RestResponse<P>> get(PublicReads on, String accountSid, String sid) {
    return on.get(reads, accountSid, sid)
        .map(found -> ReadPathHeader.ok(shown.apply(found.record()), found.path()));
  }
}
