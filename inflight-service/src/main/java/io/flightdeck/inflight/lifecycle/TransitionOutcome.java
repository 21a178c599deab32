package io.flightdeck.inflight.lifecycle;

import io.flightdeck.record.LifecycleRecord;

/** What a transition request came to. */
public sealed interface TransitionOutcome {
  /** The record now has the requested status (applied now, or already had it). */
  record Applied(LifecycleRecord record) implements TransitionOutcome {}

  /** The move is not legal from the record's current status. */
  record Refused(LifecycleRecord current, String reason) implements TransitionOutcome {}

  /** No live record of this kind and account has that Sid. */
  record NotFound() implements TransitionOutcome {}

  /** Another writer changed the record between read and write, more often than retries allow. */
  record LostRace() implements TransitionOutcome {}
}
