package io.flightdeck.postflight.read;

import io.flightdeck.api.ErrorCode;
import io.flightdeck.postflight.routing.Routing;
import io.flightdeck.record.InvalidFieldException;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.flightdeck.rest.errors.DependencyUnreachableException;
import io.flightdeck.rest.errors.ErrorResponses;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Runs a read on the shard the read map names for an account. The AccountSid is checked first (a
 * 400 naming it); a shard that cannot answer, or an account the read map covers with no known
 * shard, is a 503 in the API error body: the client may retry, and other accounts are not affected.
 */
@ApplicationScoped
public class ShardReads {
  private static final Logger LOG = Logger.getLogger(ShardReads.class);

  private final Routing routing;

  public ShardReads(Routing routing) {
    this.routing = routing;
  }

  public <T> Uni<T> read(String accountSid, Function<Pool, Uni<T>> query) {
    String account = Sid.parse(SidKind.ACCOUNT, "AccountSid", accountSid).value();
    Routing.Route route =
        routing
            .forRead(account)
            .orElseThrow(
                () ->
                    new DependencyUnreachableException(
                        "the shard the read map names for " + account, null));
    return query
        .apply(route.pool())
        .onFailure(failure -> !(failure instanceof InvalidFieldException))
        .transform(
            failure -> {
              LOG.warnf(
                  "shard %s: a read for %s failed: %s", route.shard(), account, failure.toString());
              return new DependencyUnreachableException("shard " + route.shard(), failure);
            });
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
