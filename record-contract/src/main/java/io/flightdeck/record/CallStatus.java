package io.flightdeck.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Statuses of a Call, with Twilio's wire names. {@code initiated} is the state between queueing and
 * ringing that Twilio reports in status callbacks; the others are the resource's enum.
 */
public enum CallStatus implements Status {
  QUEUED("queued", false),
  INITIATED("initiated", false),
  RINGING("ringing", false),
  IN_PROGRESS("in-progress", false),
  COMPLETED("completed", true),
  BUSY("busy", true),
  FAILED("failed", true),
  NO_ANSWER("no-answer", true),
  CANCELED("canceled", true);

  /**
   * Every legal move; anything not listed is refused. Forward skips are legal, going back never.
   */
  public static final Lifecycle<CallStatus> LIFECYCLE =
      Lifecycle.builder(CallStatus.class)
          .from(QUEUED)
          .to(INITIATED, RINGING, IN_PROGRESS, COMPLETED, BUSY, FAILED, NO_ANSWER, CANCELED)
          .from(INITIATED)
          .to(RINGING, IN_PROGRESS, COMPLETED, BUSY, FAILED, NO_ANSWER, CANCELED)
          .from(RINGING)
          .to(IN_PROGRESS, COMPLETED, BUSY, FAILED, NO_ANSWER, CANCELED)
          .from(IN_PROGRESS)
          .to(COMPLETED, FAILED)
          .build();

  private final String wireName;
  private final boolean terminal;

  CallStatus(String wireName, boolean terminal) {
    this.wireName = wireName;
    this.terminal = terminal;
  }

  @JsonValue
  @Override
  public String wireName() {
    return wireName;
  }

  @Override
  public boolean terminal() {
    return terminal;
  }

  /** Reads a status given by a client; the refusal lists the statuses that exist. */
  @JsonCreator
  public static CallStatus parse(String name) {
    return Status.parse(CallStatus.class, name);
  }
}
