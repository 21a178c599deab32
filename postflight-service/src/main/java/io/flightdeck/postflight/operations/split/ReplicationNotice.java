package io.flightdeck.postflight.operations.split;

import io.flightdeck.postflight.control.ControlConfig;
import io.flightdeck.postflight.control.ControlPlane;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long {@code move-reads} waits, once the catalogue records that the target replicates from the
 * source, before it publishes the read map: long enough for every instance to have read that record
 * by its own poll, so that each one holds the confirmations of records written on the source until
 * the target has applied them ({@code HeldConfirmations}), even before it sees the moved read map.
 * As long as an instance's view may be old for it to confirm anything at all ({@link
 * ControlPlane#confirmingViewAge}), plus one poll interval and a second, so an instance that could
 * not read the record holds every confirmation instead.
 *
 * <p>Counted from when this driver first saw the record (at or after its writing), so a driver
 * started again waits once more rather than less: conservative, and only a few seconds.
 */
@ApplicationScoped
class ReplicationNotice {
  private static final Duration MARGIN = Duration.ofSeconds(1);

  private final Duration notice;
  private final Map<String, Instant> seen = new ConcurrentHashMap<>();

  ReplicationNotice(ControlConfig control) {
    this.notice =
        ControlPlane.confirmingViewAge(control.pollInterval())
            .plus(control.pollInterval())
            .plus(MARGIN);
  }

  /** What is left of the notice for the operation's replication (zero once it has passed). */
  Duration left(String operationId) {
    Instant first = seen.computeIfAbsent(operationId, id -> Instant.now());
    Duration left = Duration.between(Instant.now(), first.plus(notice));
    return left.isNegative() ? Duration.ZERO : left;
  }
}
