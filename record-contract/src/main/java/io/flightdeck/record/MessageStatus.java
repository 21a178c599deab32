package io.flightdeck.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Statuses of a Message, with Twilio's wire names. Outbound messages run scheduled/accepted →
 * queued → sending → sent → delivered (→ read, where the channel reports it); inbound ones
 * receiving → received. {@code sent} is not terminal: a delivery receipt may still come.
 */
public enum MessageStatus implements Status {
  SCHEDULED("scheduled", false),
  ACCEPTED("accepted", false),
  QUEUED("queued", false),
  SENDING("sending", false),
  SENT("sent", false),
  RECEIVING("receiving", false),
  DELIVERED("delivered", true),
  UNDELIVERED("undelivered", true),
  FAILED("failed", true),
  RECEIVED("received", true),
  READ("read", true),
  PARTIALLY_DELIVERED("partially_delivered", true),
  CANCELED("canceled", true);

  /**
   * Every legal move; anything not listed is refused. Forward skips are legal, going back never.
   */
  public static final Lifecycle<MessageStatus> LIFECYCLE =
      Lifecycle.builder(MessageStatus.class)
          .from(SCHEDULED)
          .to(ACCEPTED, QUEUED, SENDING, SENT, DELIVERED, UNDELIVERED, FAILED, CANCELED)
          .from(ACCEPTED)
          .to(QUEUED, SENDING, SENT, DELIVERED, UNDELIVERED, FAILED, CANCELED)
          .from(QUEUED)
          .to(SENDING, SENT, DELIVERED, UNDELIVERED, FAILED, CANCELED)
          .from(SENDING)
          .to(SENT, DELIVERED, UNDELIVERED, FAILED)
          .from(SENT)
          .to(DELIVERED, UNDELIVERED, FAILED, READ, PARTIALLY_DELIVERED)
          .from(RECEIVING)
          .to(RECEIVED, FAILED)
          .build();

  private final String wireName;
  private final boolean terminal;

  MessageStatus(String wireName, boolean terminal) {
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
  public static MessageStatus parse(String name) {
    return Status.parse(MessageStatus.class, name);
  }
}
