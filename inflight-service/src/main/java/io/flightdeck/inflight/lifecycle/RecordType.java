package io.flightdeck.inflight.lifecycle;

import io.flightdeck.record.CallRecord;
import io.flightdeck.record.CallStatus;
import io.flightdeck.record.Lifecycle;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.MessageRecord;
import io.flightdeck.record.MessageStatus;
import io.flightdeck.record.RecordKind;
import io.flightdeck.record.Status;

/** What the write path needs to know about one kind of record: its class and its state machine. */
public record RecordType<R extends LifecycleRecord, S extends Enum<S> & Status>(
    RecordKind kind, Class<R> recordClass, Class<S> statusClass, Lifecycle<S> lifecycle) {

  public static final RecordType<CallRecord, CallStatus> CALLS =
      new RecordType<>(RecordKind.CALL, CallRecord.class, CallStatus.class, CallStatus.LIFECYCLE);

  public static final RecordType<MessageRecord, MessageStatus> MESSAGES =
      new RecordType<>(
          RecordKind.MESSAGE, MessageRecord.class, MessageStatus.class, MessageStatus.LIFECYCLE);

  /** The kind's name in the store's {@code kind} column. */
  public String column() {
    return kind.name().toLowerCase();
  }

  Lifecycle.Decision decide(R current, S requested) {
    return lifecycle.decide(statusClass.cast(current.status()), requested);
  }
}
