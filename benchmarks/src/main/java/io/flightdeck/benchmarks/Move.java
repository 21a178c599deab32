package io.flightdeck.benchmarks;

import io.flightdeck.record.CallRecord;
import io.flightdeck.record.CallStatus;
import io.flightdeck.record.sql.ColumnValues;
import io.flightdeck.record.sql.RecordColumns;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * One transition as a producer reports it: the new status at {@code at}; a completion also carries
 * the call's start time, end time and duration, as a telephony engine reports them when a call
 * hangs up.
 *
 * @param status the status moved to
 * @param at when the move happened (microseconds, like the stores)
 */
record Move(CallStatus status, Instant at) {

  /** The length every completed benchmark call had. */
  static final Duration TALK_TIME = Duration.ofSeconds(42);

  static Move to(CallStatus status) {
    return new Move(status, Instant.now().truncatedTo(ChronoUnit.MICROS));
  }

  boolean completes() {
    return status == CallStatus.COMPLETED;
  }

  /** The body of {@code POST …/Calls/{Sid}/Transitions}. */
  String json() {
    if (!completes()) {
      return "{\"status\":\"" + status.wireName() + "\",\"at\":\"" + at + "\"}";
    }
    return "{\"status\":\"completed\",\"at\":\""
        + at
        + "\",\"start_time\":\""
        + at.minus(TALK_TIME)
        + "\",\"end_time\":\""
        + at
        + "\",\"duration\":\""
        + TALK_TIME.toSeconds()
        + "\"}";
  }

  /**
   * The record after this move, as inflight-service computes it: one version later, completion
   * fields set.
   */
  CallRecord applyTo(CallRecord current) {
    CallRecord moved = current.withStatus(status, at);
    if (!completes()) {
      return moved;
    }
    return RecordColumns.CALLS.with(
        moved,
        Map.of(
            "start_time", ColumnValues.utc(at.minus(TALK_TIME)),
            "end_time", ColumnValues.utc(at),
            "duration", String.valueOf(TALK_TIME.toSeconds())));
  }
}
