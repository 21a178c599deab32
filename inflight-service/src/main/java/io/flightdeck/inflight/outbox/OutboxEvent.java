package io.flightdeck.inflight.outbox;

import io.flightdeck.event.CompletedRecordEvents;
import io.flightdeck.record.LifecycleRecord;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * An outbox row: an event waiting to be published, written in the transaction that made it true, on
 * the node that holds the record. Rows are only inserted by writers and only deleted by the {@link
 * OutboxRelay}.
 */
public final class OutboxEvent {
  private OutboxEvent() {}

  /**
   * How many lanes the outbox has: the one place this is defined. Changing it moves accounts
   * between lanes; do it with the relays stopped and the outbox drained, or an account's events
   * could briefly have two publishers.
   */
  public static final int LANES = 16;

  /** The columns a completed-record event fills, in {@link #completed}'s order. */
  public static final String COLUMNS = "lane, account_sid, event_id, payload, created_at";

  /** An account's lane: stable across processes ({@link String#hashCode} is specified). */
  public static short laneOf(String accountSid) {
    return (short) Math.floorMod(accountSid.hashCode(), LANES);
  }

  /** The values of {@link #COLUMNS} for the completed-record event of a terminal version. */
  public static Tuple completed(LifecycleRecord record, Instant now) {
    return Tuple.of(
        laneOf(record.accountSid()),
        record.accountSid(),
        CompletedRecordEvents.eventId(record.sid(), record.version()),
        Buffer.buffer(CompletedRecordEvents.completed(record)),
        LocalDateTime.ofInstant(now, ZoneOffset.UTC));
  }
}
