package io.flightdeck.billing;

import io.flightdeck.record.CallRecord;
import io.flightdeck.record.CallStatus;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.MessageRecord;
import io.flightdeck.record.MessageStatus;
import java.util.Set;

/**
 * The example tariff, in millionths of a US dollar:
 *
 * <ul>
 *   <li>a {@code completed} call: {@value #PER_STARTED_MINUTE} per started minute of its duration
 *       (61 s are two minutes); a call that never connected (busy, failed, no-answer, canceled)
 *       costs nothing;
 *   <li>a message that was sent (delivered, undelivered, read, partially delivered): {@value
 *       #PER_SEGMENT} per segment; one that failed, was canceled or was received costs nothing.
 * </ul>
 *
 * A duration or segment count that is not a whole number, or so large that its units or amount do
 * not fit the ledger, cannot be rated: the event is rejected (kept with the reason), not charged as
 * zero.
 */
final class Tariff {
  static final long PER_STARTED_MINUTE = 13_000;
  static final long PER_SEGMENT = 7_900;

  /** The ledger counts units in an INT column. */
  private static final long MAX_UNITS = Integer.MAX_VALUE;

  private static final Set<MessageStatus> SENT =
      Set.of(
          MessageStatus.DELIVERED,
          MessageStatus.UNDELIVERED,
          MessageStatus.READ,
          MessageStatus.PARTIALLY_DELIVERED);

  private Tariff() {}

  /** How many units (minutes or segments) and how much a finished record costs. */
  static Rated rate(LifecycleRecord record) {
    if (record instanceof CallRecord call) {
      if (call.status() != CallStatus.COMPLETED) {
        return Rated.FREE;
      }
      long seconds = number(call.duration());
      long minutes = seconds / 60 + (seconds % 60 == 0 ? 0 : 1);
      return rated(minutes, PER_STARTED_MINUTE);
    }
    MessageRecord message = (MessageRecord) record;
    if (!SENT.contains(message.status())) {
      return Rated.FREE;
    }
    long segments = Math.max(1, number(message.numSegments()));
    return rated(segments, PER_SEGMENT);
  }

  private static Rated rated(long units, long price) {
    if (units > MAX_UNITS) {
      throw new IllegalArgumentException("too many units to charge: " + units);
    }
    return new Rated(units, units * price); // at most 2^31 units of at most 13,000: no overflow
  }

  /** A whole number of a record's field; absent is 0; anything else cannot be rated. */
  private static long number(String text) {
    if (text == null || text.isBlank()) {
      return 0;
    }
    try {
      long value = Long.parseLong(text.strip());
      if (value < 0) {
        throw new IllegalArgumentException("negative count '" + text + "'");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a whole number: '" + text + "'", e);
    }
  }

  /** Units (minutes or segments) and the amount in millionths. */
  record Rated(long units, long amountMicros) {
    static final Rated FREE = new Rated(0, 0);
  }
}
