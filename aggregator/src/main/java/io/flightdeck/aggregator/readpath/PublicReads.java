package io.flightdeck.aggregator.readpath;

import io.flightdeck.aggregator.filters.PublicQuery;
import io.flightdeck.aggregator.paging.Envelope;
import io.flightdeck.aggregator.paging.Merge;
import io.flightdeck.aggregator.paging.PageRequest;
import io.flightdeck.aggregator.paging.PageToken;
import io.flightdeck.aggregator.stores.RecordReads;
import io.flightdeck.aggregator.v2010.PublicErrors.NoSuchResource;
import io.flightdeck.flags.ReadPath;
import io.flightdeck.record.InvalidFieldException;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.ListPosition;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.flightdeck.record.v2010.ListedRecord;
import io.flightdeck.record.v2010.Wire;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The public read path, the same for calls and messages: a list page reads the account's read path
 * ({@link ReadPaths}: the split stores, merged, or the legacy store) after the page token's
 * position with the list's filter, and wraps the page in the v2010 envelope with the next page's
 * token; a get looks for the record on the same path.
 *
 * <p>A token is bound to the account, the resource and the filter (its internal form, so two
 * spellings of one filter are one filter): replayed against another account's list, another
 * resource or other filters it is refused as tampered.
 */
@ApplicationScoped
public class PublicReads {
  private final ReadPaths paths;
  private final PageToken tokens;

  public PublicReads(ReadPaths paths, PageToken tokens) {
    this.paths = paths;
    this.tokens = tokens;
  }

  /**
   * The page the query asks for.
   *
   * @param filter the list's filter in its internal query form ({@code CallFilter.toQuery()})
   * @param filterParameters the public parameters that make up the filter, repeated in page URIs
   * @throws InvalidFieldException for a paging parameter or token that cannot be accepted
   */
  public Uni<Listed> list(
      RecordReads<?> reads,
      String accountSid,
      PublicQuery query,
      Map<String, String> filter,
      List<String> filterParameters) {
    Sid account = Sid.parse(SidKind.ACCOUNT, "AccountSid", accountSid);
    PageRequest request = PageRequest.of(query);
    String scope = account + "/" + reads.resource() + "?" + new TreeMap<>(filter);
    Optional<ListPosition> after = request.token().map(t -> tokens.read(scope, t));
    if (request.page() > 0 && after.isEmpty()) {
      throw new InvalidFieldException("PageToken", "PageToken is required for paging.");
    }
    String filters = query.encode(filterParameters);
    String base =
        Wire.accountPath(account.value())
            + "/"
            + reads.resource()
            + ".json?"
            + (filters.isEmpty() ? "" : filters + "&")
            + "PageSize="
            + request.pageSize()
            + "&Page=";
    String self = base + request.page() + request.token().map(t -> "&PageToken=" + t).orElse("");
    return paths
        .page(reads, account.value(), filter, after, request.pageSize(), "GET " + self)
        .map(
            served -> {
              Merge.Page merged = served.value();
              int count = merged.records().size();
              int page = request.page();
              String next =
                  merged.more()
                      ? base
                          + (page + 1)
                          + "&PageToken="
                          + tokens.after(scope, merged.records().get(count - 1).position())
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
                      self);
              return new Listed(merged.records(), envelope, served.path());
            });
  }

  /**
   * The record {@code sid} of this account.
   *
   * @throws InvalidFieldException when the Sid is not one of this resource's
   * @throws NoSuchResource when neither store has it
   */
  public <R extends LifecycleRecord> Uni<Found<R>> get(
      RecordReads<R> reads, String accountSid, String sid) {
    Sid account = Sid.parse(SidKind.ACCOUNT, "AccountSid", accountSid);
    Sid record = Sid.parse(reads.sidKind(), "Sid", sid);
    String path =
        Wire.accountPath(account.value()) + "/" + reads.resource() + "/" + record + ".json";
    return paths
        .get(reads, account.value(), record.value(), "GET " + path)
        .map(
            served ->
                new Found<>(
                    served.value().orElseThrow(() -> new NoSuchResource(path)), served.path()));
  }

  /**
   * A page of records (each in its public form, as the store encoded it), its envelope, and the
   * read path that served it.
   */
  public record Listed(List<ListedRecord> records, Envelope envelope, ReadPath path) {}

  /** A record and the read path that served it. */
  public record Found<R>(R record, ReadPath path) {}
}
