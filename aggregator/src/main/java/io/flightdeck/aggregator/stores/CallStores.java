package io.flightdeck.aggregator.stores;

import io.flightdeck.aggregator.paging.Position;
import io.flightdeck.record.CallRecord;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Reads both stores of calls, in the order that keeps a moving record visible: in-flight first,
 * then post-flight. A record is deleted in-flight only after its post-flight copy is readable, so
 * whichever moment a read falls on, at least one of the two reads finds it.
 */
@ApplicationScoped
public class CallStores {
  private final InflightCalls inflight;
  private final PostflightCalls postflight;

  public CallStores(@RestClient InflightCalls inflight, @RestClient PostflightCalls postflight) {
    this.inflight = inflight;
    this.postflight = postflight;
  }

  /** Up to {@code limit} calls from each store after {@code after}: in-flight's, then post-flight's. */
  public Uni<Both> list(String accountSid, Optional<Position> after, int limit) {
    String date = after.map(p -> p.dateCreated().toString()).orElse(null);
    String sid = after.map(Position::sid).orElse(null);
    return unavailableAs("inflight-service", inflight.list(accountSid, limit, date, sid))
        .flatMap(
            live ->
                unavailableAs("postflight-service", postflight.list(accountSid, limit, date, sid))
                    .map(finished -> new Both(live.records(), finished.records())));
  }

  /** The call in either store; the post-flight copy wins when both have it. */
  public Uni<Optional<CallRecord>> get(String accountSid, String sid) {
    return orEmpty("inflight-service", inflight.get(accountSid, sid))
        .flatMap(
            live ->
                orEmpty("postflight-service", postflight.get(accountSid, sid))
                    .map(finished -> finished.or(() -> live)));
  }

  private static Uni<Optional<CallRecord>> orEmpty(String store, Uni<CallRecord> read) {
    return unavailableAs(
        store,
        read.map(Optional::of)
            .onFailure(e -> e instanceof WebApplicationException w && w.getResponse().getStatus() == 404)
            .recoverWithItem(Optional.empty()));
  }

  /**
   * A store that cannot answer makes the whole answer unavailable (503, safe to retry): a list or a
   * get with one store missing could hide a record, which is worse than no answer.
   */
  private static <T> Uni<T> unavailableAs(String store, Uni<T> read) {
    return read.onFailure(e -> !(e instanceof WebApplicationException w && w.getResponse().getStatus() < 500))
        .transform(e -> new ServiceUnavailableException(store + " is unavailable: " + e.getMessage()));
  }

  /** One read of each store. */
  public record Both(List<CallRecord> inflight, List<CallRecord> postflight) {}
}
