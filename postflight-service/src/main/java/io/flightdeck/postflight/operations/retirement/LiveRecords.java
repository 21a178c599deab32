package io.flightdeck.postflight.operations.retirement;

import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.util.Optional;

/**
 * What in-flight still holds: a record lives in inflight-service from its creation until
 * post-flight has stored it (inflight deletes it only on {@code records.persisted}), so the oldest
 * live record is the oldest record that may still arrive here, in the month it was created.
 */
public interface LiveRecords {
  /**
   * When the oldest record still in flight was created; empty when none is.
   *
   * @throws LiveRecordsUnknownException (as the Uni's failure) when in-flight cannot say
   */
  Uni<Optional<Instant>> oldestCreated();
}
