package io.flightdeck.aggregator.paging;

import io.flightdeck.aggregator.filters.PublicQuery;
import io.flightdeck.aggregator.stores.RecordReads;
import io.flightdeck.aggregator.stores.Stores;
import io.flightdeck.aggregator.v2010.PublicErrors.NoSuchResource;
import io.flightdeck.aggregator.v2010.Wire;
import io.flightdeck.record.InvalidFieldException;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The public read path, the same for calls and messages: a list page reads both stores after the
 * page token's position with the list's filter, merges them, and wraps the page in the v2010
 * envelope with the next page's token; a get looks in both stores.
 *
 * <p>A token is bound to the account, the resource and the filter (its internal form, so two
 * spellings of one filter are one filter): replayed against another account's list, another
 * resource or other filters it is refused as tampered.
 */
@ApplicationScoped
public class PublicReads {
  private final Stores stores;
  private final PageToken tokens;

  public PublicReads(Stores stores, PageToken tokens) {
    this.stores = stores;
    this.tokens = tokens;
  }

  /**
   * The page the query asks for.
   *
   * @param filter the list's filter in its internal query form ({@code CallFilter.toQuery()})
   * @param filterParameters the public parameters that make up the filter, repeated in page URIs
   * @throws InvalidFieldException for a paging parameter or token that cannot be accepted
   */
  public <R extends LifecycleRecord> Uni<Listed<R>> list(
      RecordReads<R> reads, String accountSid, PublicQuery query, Map<String, String> filter, List<String> filterParameters) {
    Sid account = Sid.parse(SidKind.ACCOUNT, "AccountSid", accountSid);
    PageRequest request = PageRequest.of(query);
    String scope = account + "/" + reads.resource() + "?" + new TreeMap<>(filter);
    Optional<Position> after = request.token().map(t -> tokens.read(scope, t));
    if (request.page() > 0 && after.isEmpty()) {
      throw new InvalidFieldException("PageToken", "PageToken is required for paging.");
    }
    String filters = query.encode(filterParameters);
    String base =
        Wire.accountPath(account.value()) + "/" + reads.resource() + ".json?"
            + (filters.isEmpty() ? "" : filters + "&") + "PageSize=" + request.pageSize() + "&Page=";
    // One record more than the page tells whether another follows, but a store answers at most
    // MAX_PER_READ: for the largest pages, whether more follow may take a second, one-record read.
    int asked = Math.min(request.pageSize() + 1, Stores.MAX_PER_READ);
    return stores
        .list(reads, account.value(), filter, after, asked)
        .flatMap(both -> {
          Merge.Page<R> merged = Merge.page(both.inflight(), both.postflight(), request.pageSize(), asked);
          return more(reads, account.value(), filter, merged).map(more -> {
            int count = merged.records().size();
            int page = request.page();
            String next =
                more
                    ? base + (page + 1) + "&PageToken=" + tokens.after(scope, Position.of(merged.records().get(count - 1)))
                    : null;
            long start = (long) page * request.pageSize();
            Envelope envelope =
                new Envelope(
                    count == 0 ? start : start + count - 1,
                    base + 0,
                    next,
                    page,
                    request.pageSize(),
                    null,
                    start,
                    base + page + request.token().map(t -> "&PageToken=" + t).orElse(""));
            return new Listed<>(merged.records(), envelope);
          });
        });
  }

  /** Whether a record follows the page: from the merge, or else by asking both stores for one record after it. */
  private <R extends LifecycleRecord> Uni<Boolean> more(
      RecordReads<R> reads, String account, Map<String, String> filter, Merge.Page<R> merged) {
    if (merged.next() != Merge.Next.UNKNOWN || merged.records().isEmpty()) {
      return Uni.createFrom().item(merged.more());
    }
    Position last = Position.of(merged.records().get(merged.records().size() - 1));
    return stores
        .list(reads, account, filter, Optional.of(last), 1)
        .map(both -> !both.inflight().isEmpty() || !both.postflight().isEmpty());
  }

  /**
   * The record {@code sid} of this account.
   *
   * @throws InvalidFieldException when the Sid is not one of this resource's
   * @throws NoSuchResource when neither store has it
   */
  public <R extends LifecycleRecord> Uni<R> get(RecordReads<R> reads, String accountSid, String sid) {
    Sid account = Sid.parse(SidKind.ACCOUNT, "AccountSid", accountSid);
    Sid record = Sid.parse(reads.sidKind(), "Sid", sid);
    String path = Wire.accountPath(account.value()) + "/" + reads.resource() + "/" + record + ".json";
    return stores
        .get(reads, account.value(), record.value())
        .map(found -> found.orElseThrow(() -> new NoSuchResource(path)));
  }

  /** A page of records and its envelope. */
  public record Listed<R>(List<R> records, Envelope envelope) {}
}
