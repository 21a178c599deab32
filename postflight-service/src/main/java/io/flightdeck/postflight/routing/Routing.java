package io.flightdeck.postflight.routing;

import io.flightdeck.postflight.store.Shards;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Chooses the shard for an account's writes and for its reads. The two maps are kept apart so that,
 * during a shard split, reads can move before writes; today both are the catalogue's shards cut
 * evenly (a later step stores them, versioned, in the control database).
 */
@ApplicationScoped
public class Routing {
  private final Shards shards;
  private volatile ShardMap writeMap;
  private volatile ShardMap readMap;

  public Routing(Shards shards) {
    this.shards = shards;
  }

  private ShardMap writeMap() {
    if (writeMap == null) {
      writeMap = ShardMap.evenly(shards.ids());
    }
    return writeMap;
  }

  private ShardMap readMap() {
    if (readMap == null) {
      readMap = ShardMap.evenly(shards.ids());
    }
    return readMap;
  }

  /** Where this account's records are written, if the write map and the catalogue both know it. */
  public Optional<Route> forWrite(String accountSid) {
    return route(writeMap(), accountSid);
  }

  /** Where this account's records are read from. */
  public Optional<Route> forRead(String accountSid) {
    return route(readMap(), accountSid);
  }

  private Optional<Route> route(ShardMap map, String accountSid) {
    return map.shardFor(accountSid).flatMap(shard -> shards.pool(shard).map(pool -> new Route(shard, pool)));
  }

  /** A shard chosen for one account, with its pool. */
  public record Route(String shard, Pool pool) {}
}
