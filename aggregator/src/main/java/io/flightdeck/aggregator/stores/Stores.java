package io.flightdeck.aggregator.stores;

import io.flightdeck.aggregator.paging.Merge;
import io.flightdeck.auth.ServiceCredentials;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.ListPosition;
import io.flightdeck.record.PageSize;
import io.flightdeck.record.v2010.ListedRecord;
import io.flightdeck.record.v2010.PublicLines;
import io.flightdeck.rest.errors.DependencyUnreachableException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Reads both stores, in the order that keeps a moving record visible: in-flight first, then
 * post-flight. A record is deleted in-flight only after its post-flight copy is readable, so
 * whichever moment a read falls on, at least one of the two reads finds it.
 *
 * <p>Every store request is timed in {@code flightdeck.store.requests} (tags {@code store}, {@code
 * resource}, {@code operation}, {@code outcome}). A record a store answers that the public API
 * cannot show is skipped ({@link SkippedRecords}), and a list reads on past it ({@link FullPages}).
 */
@ApplicationScoped
public class Stores implements RecordSource {
  static final String INFLIGHT = "inflight-service";
  static final String POSTFLIGHT = "postflight-service";
  private static final Logger LOG = Logger.getLogger(Stores.class);
  private static final byte[] NONE = new byte[0];

  private final StoreApi inflight;
  private final StoreApi postflight;
  private final StoreTimer timer;
  private final SkippedRecords skipped;

  public Stores(
      StoresConfig.Inflight inflight,
      StoresConfig.Postflight postflight,
      StoresConfig waits,
      ServiceCredentials credentials,
      MeterRegistry metrics) {
    this.inflight = client(inflight.url(), waits, credentials);
    this.postflight = client(postflight.url(), waits, credentials);
    this.timer = new StoreTimer(metrics);
    this.skipped = new SkippedRecords(metrics);
  }

  /**
   * A client of one store's service that presents the aggregator's service token ({@code
   * flightdeck.auth.service-token}).
   */
  private static StoreApi client(String url, StoresConfig waits, ServiceCredentials credentials) {
    return QuarkusRestClientBuilder.newBuilder()
        .baseUri(URI.create(url))
        .connectTimeout(waits.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .readTimeout(waits.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .register(credentials)
        .build(StoreApi.class);
  }

  /**
   * Up to {@code limit} (at most {@link PageSize#STORE_MAX}, what a store answers at once) matching
   * records from each store after {@code after}: in-flight's, then post-flight's.
   */
  private Uni<Both> list(
      RecordReads<?> reads,
      String accountSid,
      Map<String, String> filter,
      Optional<ListPosition> after,
      int limit) {
    return FullPages.read(lister(INFLIGHT, inflight, reads, accountSid, filter), after, limit)
        .flatMap(
            live ->
                FullPages.read(
                        lister(POSTFLIGHT, postflight, reads, accountSid, filter), after, limit)
                    .map(finished -> new Both(live, finished)));
  }

  /**
   * Reads of one store's list, in the public form its service encoded ({@link PublicLines});
   * records the public API cannot show are skipped ({@link SkippedRecords}).
   */
  private FullPages.Read<ListedRecord> lister(
      String name,
      StoreApi store,
      RecordReads<?> reads,
      String accountSid,
      Map<String, String> filter) {
    return (after, limit) -> {
      Map<String, String> query = new LinkedHashMap<>(filter);
      query.put(PageSize.PARAMETER, String.valueOf(limit));
      after.ifPresent(
          p -> {
            query.put(ListPosition.AFTER_DATE_CREATED, p.dateCreated().toString());
            query.put(ListPosition.AFTER_SID, p.sid());
          });
      return read(
          name,
          reads,
          "list",
          () ->
              reads
                  .lister()
                  .list(store, accountSid, query)
                  // No record is an empty body, which the client reads as none.
                  .map(body -> entries(name, reads, PublicLines.read(body == null ? NONE : body))));
    };
  }

  /**
   * Each line's record and its place in the list; a place only where a later read may start (a Sid
   * the stores accept).
   */
  private List<FullPages.Entry<ListedRecord>> entries(
      String name, RecordReads<?> reads, List<PublicLines.Line> lines) {
    List<FullPages.Entry<ListedRecord>> entries = new ArrayList<>(lines.size());
    for (PublicLines.Line line : lines) {
      line.skipped().ifPresent(field -> skipped.skip(name, reads, field, line.sid(), "as stored"));
      Optional<ListPosition> position =
          line.record().isPresent() || SkippedRecords.isSid(reads.sidKind(), line.sid())
              ? line.position()
              : Optional.empty();
      entries.add(new FullPages.Entry<>(line.record(), position));
    }
    return entries;
  }

  /**
   * One page of the merged list of both stores ({@link Merge}): each store asked for one record
   * more than the page (up to {@link PageSize#STORE_MAX}), which tells whether another follows.
   */
  @Override
  public Uni<Merge.Page> page(
      RecordReads<?> reads,
      String accountSid,
      Map<String, String> filter,
      Optional<ListPosition> after,
      int size) {
    return list(reads, accountSid, filter, after, size + 1)
        .map(both -> Merge.page(both.inflight(), both.postflight(), size));
  }

  /** The record in either store; the post-flight copy wins when both have it. */
  @Override
  public <R extends LifecycleRecord> Uni<Optional<R>> get(
      RecordReads<R> reads, String accountSid, String sid) {
    return orEmpty(
            read(INFLIGHT, reads, "get", () -> reads.getter().get(inflight, accountSid, sid)))
        .map(live -> live.flatMap(r -> skipped.showable(INFLIGHT, reads, r)))
        .flatMap(
            live ->
                orEmpty(
                        read(
                            POSTFLIGHT,
                            reads,
                            "get",
                            () -> reads.getter().get(postflight, accountSid, sid)))
                    .map(finished -> finished.flatMap(r -> skipped.showable(POSTFLIGHT, reads, r)))
                    .map(finished -> finished.or(() -> live)));
  }

  private static <R> Uni<Optional<R>> orEmpty(Uni<R> read) {
    return read.map(Optional::of).onFailure(StoreTimer::notFound).recoverWithItem(Optional.empty());
  }

  /**
   * One timed request to one store. A store that cannot answer makes the whole answer unavailable
   * (503, safe to retry): a list or a get with one store missing could hide a record, which is
   * worse than no answer. So does a store that refuses the aggregator's own credentials (401, 403):
   * that is this deployment's fault, never the API client's, whose credentials were fine.
   */
  private <T> Uni<T> read(
      String store, RecordReads<?> reads, String operation, Supplier<Uni<T>> request) {
    return timer
        .timed(store, reads, operation, request)
        .onFailure(
            e ->
                !(e instanceof WebApplicationException w
                    && isClientError(w.getResponse().getStatus())))
        .transform(e -> unavailable(store, e));
  }

  private static DependencyUnreachableException unavailable(String store, Throwable e) {
    if (e instanceof WebApplicationException w
        && isCredentialsRefusal(w.getResponse().getStatus())) {
      LOG.warnf(
          "%s refused the aggregator's credentials (HTTP %d): check flightdeck.auth.service-token",
          store, w.getResponse().getStatus());
    }
    return new DependencyUnreachableException(store, e);
  }

  private static boolean isClientError(int status) {
    return status < 500 && !isCredentialsRefusal(status);
  }

  private static boolean isCredentialsRefusal(int status) {
    return status == 401 || status == 403;
  }

  /** One read of each store. */
  private record Both(List<ListedRecord> inflight, List<ListedRecord> postflight) {}
}
