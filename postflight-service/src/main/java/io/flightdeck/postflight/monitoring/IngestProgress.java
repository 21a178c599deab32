package io.flightdeck.postflight.monitoring;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether ingest moves, from successive measurements of two figures: the events waiting in the
 * consumers' partitions (the backlog) and the events settled so far (stored or dead-lettered, a
 * count that only grows). Ingest moves while nothing waits or while the settled count grows; it is
 * stalled once events have waited longer than a threshold with the count standing still. Immutable.
 *
 * @param measured whether any measurement was taken yet
 * @param backlog the events waiting at the last measurement
 * @param settled the settled count at the last measurement
 * @param movingAt the last measurement at which ingest was seen to move
 */
record IngestProgress(boolean measured, double backlog, double settled, Instant movingAt) {

  static IngestProgress unmeasured(Instant now) {
    return new IngestProgress(false, 0, 0, now);
  }

  /** This state updated by a measurement taken at {@code now}. */
  IngestProgress observe(Instant now, double backlog, double settled) {
    boolean moving = !measured || backlog <= 0 || settled != this.settled;
    return new IngestProgress(true, backlog, settled, moving ? now : movingAt);
  }

  /** How long events have waited with nothing settled; zero while ingest moves. */
  Duration withoutProgress(Instant now) {
    if (!measured || backlog <= 0) {
      return Duration.ZERO;
    }
    Duration since = Duration.between(movingAt, now);
    return since.isNegative() ? Duration.ZERO : since;
  }

  boolean stalled(Instant now, Duration after) {
    return withoutProgress(now).compareTo(after) > 0;
  }
}
