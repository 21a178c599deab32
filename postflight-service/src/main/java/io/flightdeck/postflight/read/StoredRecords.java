package io.flightdeck.postflight.read;

import io.flightdeck.postflight.store.RecordTable;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.ListPosition;
import io.flightdeck.record.PageSize;
import io.flightdeck.record.RecordPage;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import java.util.function.Function;

/**
 * The reads of one kind of finished record, the same for calls and messages: the get by Sid and the
 * filtered page, each from the shard the read map names. {@link CallsReadResource} and {@link
 * MessagesReadResource} declare only their paths and documentation and hand every request here.
 *
 * @param filter reads the kind's filter from the request's query parameters
 */
record StoredRecords<R extends LifecycleRecord, F>(
    ShardReads shards,
    RecordTable<R, F> table,
    SidKind kind,
    Function<Function<String, String>, F> filter) {

  /** 200 with the account's record, else 404; a malformed Sid is a 400 naming {@code Sid}. */
  Uni<Response> get(String accountSid, String sid) {
    String valid = Sid.parse(kind, "Sid", sid).value();
    return shards
        .read(accountSid, pool -> table.find(pool, accountSid, valid))
        .map(found -> ShardReads.foundOrNotFound(found, valid));
  }

  /** The page the request's query parameters ask for; a bad one is a 400 naming it. */
  Uni<RecordPage<R>> list(String accountSid, PageParameters page, UriInfo uri) {
    int size = PageSize.parseStoreRead(page.pageSize);
    Optional<ListPosition> after = ListPosition.parse(page.afterDateCreated, page.afterSid, kind);
    F parsed = filter.apply(uri.getQueryParameters()::getFirst);
    return shards
        .read(accountSid, pool -> table.list(pool, accountSid, parsed, after, size))
        .map(RecordPage::new);
  }
}
