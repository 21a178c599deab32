package io.flightdeck.inflight.lifecycle;

import io.flightdeck.record.CallRecord;

/** What a transition request came to. */
public sealed interface TransitionOutcome {
  /** The record now has the requested status (applied now, or already had it). */
  record Applied(CallRecord record) implements TransitionOutcome {}

  /** The move is not legal from the record's current status. */
  record Refused(CallRecord current, String reason) implements TransitionOutcome {}

  /** No live call of this account has that Sid. */
  record NotFound() implements TransitionOutcome {}

  /** Another writer changed the record between read and write, more often than retries allow. */
  record LostRace() implements TransitionOutcome {}
}
