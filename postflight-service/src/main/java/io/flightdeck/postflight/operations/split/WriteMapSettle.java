package io.flightdeck.postflight.operations.split;

import io.flightdeck.postflight.control.ControlConfig;
import io.flightdeck.postflight.ingest.IngestConfig;
import io.flightdeck.postflight.operations.StepContext;
import io.flightdeck.postflight.routing.MapVersion;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * When nothing writes by a write map older than a published one any more, which the cut and the
 * copy back both wait for before they act on a server: since the publication, one control poll
 * interval (every instance that reads the control database has the new map in force), plus the
 * ingest shard timeout (a batch routed by the old map has stored or given up), plus a second; and
 * no transaction on the server began before the publication (a batch that gave up while the server
 * still ran its statements).
 */
@ApplicationScoped
class WriteMapSettle {
  private static final Duration MARGIN = Duration.ofSeconds(1);

  private final Duration settle;
  private final Clock clock;

  WriteMapSettle(ControlConfig control, IngestConfig ingest, Clock clock) {
    this.settle = control.pollInterval().plus(ingest.shardTimeout()).plus(MARGIN);
    this.clock = clock;
  }

  /**
   * Waits out what is left of the settle time after {@code write}'s publication, saying so in the
   * step's progress followed by {@code more} (e.g. where a copy stands); at once when it has
   * passed.
   */
  Uni<Void> settled(MapVersion write, StepContext step, String more) {
    Duration left = Duration.between(Instant.now(clock), write.createdAt().plus(settle));
    if (left.isNegative() || left.isZero()) {
      return Uni.createFrom().voidItem();
    }
    return step.progress(
            "waiting %d ms for ingest batches routed by the write map before version %d to end%s"
                .formatted(left.toMillis(), write.version(), more))
        .onItem()
        .delayIt()
        .by(left);
  }

  /** How many transactions on the server began before {@code write} was published. */
  Uni<Long> transactionsBefore(Pool pool, MapVersion write) {
    long millis = Math.max(0, Duration.between(write.createdAt(), Instant.now(clock)).toMillis());
    return pool.preparedQuery(
            "SELECT COUNT(*) FROM information_schema.INNODB_TRX"
                + " WHERE trx_started < NOW(6) - INTERVAL ? MICROSECOND")
        .execute(Tuple.of(millis * 1000))
        .map(rows -> rows.iterator().next().getLong(0));
  }
}
