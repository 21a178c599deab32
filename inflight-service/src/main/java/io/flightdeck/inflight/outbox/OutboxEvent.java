package io.flightdeck.inflight.outbox;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An event waiting to be published, written in the transaction that made it true. Rows are only
 * inserted by writers and only deleted by the {@link OutboxRelay}.
 */
@Entity
@Table(name = "outbox")
public class OutboxEvent extends PanacheEntityBase {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  /** The lane that orders this account's events; see {@link #laneOf}. */
  public short lane;

  @Column(name = "account_sid")
  public String accountSid;

  @Column(name = "event_id")
  public String eventId;

  public byte[] payload;

  @Column(name = "created_at")
  public Instant createdAt;

  /** The record's trace, the relay's parent when it publishes ({@link RecordTrace}); or null. */
  public String traceparent;

  /**
   * How many lanes the outbox has: the one place this is defined. Changing it moves accounts
   * between lanes; do it with the relays stopped and the outbox drained, or an account's events
   * could briefly have two publishers.
   */
  public static final int LANES = 16;

  /** An account's lane: stable across processes ({@link String#hashCode} is specified). */
  public static short laneOf(String accountSid) {
    return (short) Math.floorMod(accountSid.hashCode(), LANES);
  }

  public static OutboxEvent of(
      String accountSid, String eventId, byte[] payload, Instant now, String traceparent) {
    OutboxEvent event = new OutboxEvent();
    event.traceparent = traceparent;
    event.lane = laneOf(accountSid);
    event.accountSid = accountSid;
    event.eventId = eventId;
    event.payload = payload;
    event.createdAt = now;
    return event;
  }
}
