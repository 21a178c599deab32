package io.flightdeck.postflight.read;

import io.flightdeck.api.ErrorCode;
import io.flightdeck.postflight.routing.Routing;
import io.flightdeck.postflight.store.ReplicaPools.ReplicaKey;
import io.flightdeck.postflight.store.Shards;
import io.flightdeck.record.InvalidFieldException;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.flightdeck.rest.errors.DependencyUnreachableException;
import io.flightdeck.rest.errors.ErrorResponses;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Runs a read on the shard the read map names for an account (on a serving replica of it, or its
 * primary). The AccountSid is checked first (a 400 naming it); a shard that cannot answer, or an
 * account the read map covers with no known shard, is a 503 in the API error body: the client may
 * retry, and other accounts are not affected.
 */
@ApplicationScoped
public class ShardReads {
  private static final Logger LOG = Logger.getLogger(ShardReads.class);

  private final Routing routing;
  private final Shards shards;
  private final MeterRegistry metrics;

  public ShardReads(Routing routing, Shards shards, MeterRegistry metrics) {
    this.routing = routing;
    this.shards = shards;
    this.metrics = metrics;
  }

  /**
   * Runs the query where {@link Routing#forRead} says. A replica that fails the query is skipped by
   * this instance's reads until its health check finds it healthy again, and the query runs once
   * more on the primary: a replica going away costs no read. Counted in {@code
   * postflight.reads{shard, target}} (target: {@code primary} or the replica's name).
   */
  public <T> Uni<T> read(String accountSid, Function<Pool, Uni<T>> query) {
    String account = Sid.parse(SidKind.ACCOUNT, "AccountSid", accountSid).value();
    Routing.Route route =
        routing
            .forRead(account)
            .orElseThrow(
                () ->
                    new DependencyUnreachableException(
                        "the shard the read map names for " + account, null));
    if (route.replica().isEmpty()) {
      return on(route, account, query);
    }
    ReplicaKey replica = route.replica().get();
    return counted(route, query.apply(route.pool()))
        .onFailure(failure -> !(failure instanceof InvalidFieldException))
        .recoverWithUni(
            failure -> {
              LOG.warnf(
                  "replica %s: a read for %s failed (%s); read from the primary",
                  replica, account, failure.toString());
              shards.replicas().health(replica, false);
              return routing
                  .primaryOf(route.shard())
                  .map(primary -> on(primary, account, query))
                  .orElseGet(
                      () ->
                          Uni.createFrom()
                              .failure(
                                  new DependencyUnreachableException(
                                      "shard " + route.shard(), failure)));
            });
  }

  private <T> Uni<T> on(Routing.Route route, String account, Function<Pool, Uni<T>> query) {
    return counted(route, query.apply(route.pool()))
        .onFailure(failure -> !(failure instanceof InvalidFieldException))
        .transform(
            failure -> {
              LOG.warnf(
                  "shard %s: a read for %s failed: %s", route.shard(), account, failure.toString());
              return new DependencyUnreachableException("shard " + route.shard(), failure);
            });
  }

  private <T> Uni<T> counted(Routing.Route route, Uni<T> read) {
    return read.invoke(
        () ->
            Counter.builder("postflight.reads")
                .description("reads of post-flight records answered, by shard and by server")
                .tag("shard", route.shard())
                .tag("target", route.target())
                .register(metrics)
                .increment());
  }

  /** 200 with the record, or the API's 404 naming the Sid (also for a Sid of another account). */
  static Response foundOrNotFound(Optional<?> record, String path) {
    return record
        .map(r -> Response.ok(r).build())
        .orElseGet(
            () ->
                ErrorResponses.of(
                    ErrorCode.NOT_FOUND, "The requested resource " + path + " was not found"));
  }
}
