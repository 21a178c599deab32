package io.flightdeck.benchmarks;

import io.flightdeck.record.CallRecord;
import io.flightdeck.record.CallStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

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
    return new CallRecord(
        moved.sid(),
        moved.accountSid(),
        moved.parentCallSid(),
        moved.status(),
        moved.direction(),
        moved.from(),
        moved.to(),
        moved.fromFormatted(),
        moved.toFormatted(),
        moved.callerName(),
        moved.forwardedFrom(),
        moved.answeredBy(),
        moved.phoneNumberSid(),
        moved.groupSid(),
        moved.trunkSid(),
        moved.queueTime(),
        at.minus(TALK_TIME),
        at,
        String.valueOf(TALK_TIME.toSeconds()),
        moved.price(),
        moved.priceUnit(),
        moved.dateCreated(),
        moved.dateUpdated(),
        moved.version());
  }
}
