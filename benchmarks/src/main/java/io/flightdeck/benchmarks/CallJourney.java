package io.flightdeck.benchmarks;

import io.flightdeck.record.CallStatus;
import java.util.List;
import java.util.Random;

/**
 * The transitions one benchmark call goes through after its create, the same in every phase: queued
 * → initiated → ringing → in-progress, then, for the completing share of calls, → completed (the
 * transition that writes the outbox in the service, and that moves start time, end time and
 * duration in the legacy combined store). The others stay in-progress, like calls still talking
 * when a window closes.
 *
 * @param statuses the statuses moved to, in order
 */
record CallJourney(List<CallStatus> statuses) {

  private static final List<CallStatus> ANSWERED_AND_COMPLETED =
      List.of(
          CallStatus.INITIATED, CallStatus.RINGING, CallStatus.IN_PROGRESS, CallStatus.COMPLETED);
  private static final List<CallStatus> STILL_TALKING = ANSWERED_AND_COMPLETED.subList(0, 3);

  /** A journey that completes with probability {@code completedShare}. */
  static CallJourney draw(Random random, double completedShare) {
    return new CallJourney(
        random.nextDouble() < completedShare ? ANSWERED_AND_COMPLETED : STILL_TALKING);
  }

  /** The share of all transitions that are terminal, for a given share of completing calls. */
  static double terminalShare(double completedShare) {
    return completedShare / (STILL_TALKING.size() + completedShare);
  }

  int length() {
    return statuses.size();
  }

  CallStatus step(int index) {
    return statuses.get(index);
  }
}
