package io.flightdeck.inflight.lifecycle;

import io.flightdeck.event.CompletedRecordEvents;
import io.flightdeck.inflight.outbox.OutboxEvent;
import io.flightdeck.inflight.outbox.RecordTrace;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.Sid;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Creates live records, the same for every {@link RecordType}: the record's row, its Sid's claim
 * and its idempotency key in one transaction, through Hibernate Reactive's Panache entities (a
 * create is one of several rows and the entities map them; it is not the hot path, transitions are:
 * {@link RecordTransitions}). A record created already terminal writes its completed-record event
 * to the outbox in the same transaction.
 */
@ApplicationScoped
public class RecordCreates {
  private final RecordStore store;
  private final RecentRecords recent;
  private final RecordTrace trace;

  public RecordCreates(RecordStore store, RecentRecords recent, RecordTrace trace) {
    this.store = store;
    this.recent = recent;
    this.trace = trace;
  }

  /**
   * Creates a record, or answers the record a previous create with the same key made. Two creates
   * racing with one key both end with the record of the one that committed first. A Sid that a
   * record has, or ever had, here is never given to a second one (see {@link SidClaim}).
   */
  public <R extends LifecycleRecord> Uni<Created> create(
      RecordType<R, ?> type, Sid account, NewRecord<R> request, Optional<String> idempotencyKey) {
    Instant now = store.now();
    R record = request.toRecord(account, now);
    String traceparent = trace.current().orElse(null);
    return Panache.withTransaction(
            () ->
                previousCreate(type, account, idempotencyKey)
                    .flatMap(
                        previous ->
                            previous.isPresent()
                                ? Uni.createFrom().item(previous.get())
                                : insert(type, record, idempotencyKey, now, traceparent)
                                    .map(made -> (Created) new Created.Made(made))))
        .invoke(
            created -> {
              if (created instanceof Created.Made made) {
                recent.remember(made.record());
                trace.name(made.record().sid());
              }
            })
        .onFailure(RecordCreates::duplicateKey)
        .recoverWithUni(
            () ->
                Panache.withSession(
                    () ->
                        previousCreate(type, account, idempotencyKey)
                            .map(
                                previous ->
                                    previous.orElseGet(() -> new Created.SidTaken(record.sid())))));
  }

  /** What an earlier create with this key made; its record is absent once it has left in-flight. */
  private <R extends LifecycleRecord> Uni<Optional<Created>> previousCreate(
      RecordType<R, ?> type, Sid account, Optional<String> idempotencyKey) {
    if (idempotencyKey.isEmpty()) {
      return Uni.createFrom().item(Optional.empty());
    }
    return IdempotencyKey.<IdempotencyKey>findById(
            new IdempotencyKey.Key(account.value(), idempotencyKey.get()))
        .flatMap(
            previous ->
                previous == null
                    ? Uni.createFrom().item(Optional.<Created>empty())
                    : LiveRecord.<LiveRecord>findById(previous.sid)
                        .map(
                            row ->
                                Optional.of(
                                    new Created.Repeated(
                                        previous.sid,
                                        Optional.ofNullable(row).map(r -> store.read(type, r))))));
  }

  private static boolean duplicateKey(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConstraintViolationException) {
        return true;
      }
    }
    return false;
  }

  private Uni<LifecycleRecord> insert(
      RecordType<?, ?> type,
      LifecycleRecord record,
      Optional<String> idempotencyKey,
      Instant now,
      String traceparent) {
    LiveRecord row = new LiveRecord();
    row.sid = record.sid();
    row.accountSid = record.accountSid();
    row.kind = type.column();
    row.status = record.status().wireName();
    row.dateCreated = record.dateCreated();
    row.version = record.version();
    row.record = store.json(record);
    row.traceparent = traceparent;
    Uni<Void> keyWritten =
        idempotencyKey
            .map(
                key -> {
                  IdempotencyKey entry = new IdempotencyKey();
                  entry.id = new IdempotencyKey.Key(record.accountSid(), key);
                  entry.sid = record.sid();
                  entry.createdAt = now;
                  return entry.persist().replaceWithVoid();
                })
            .orElse(Uni.createFrom().voidItem());
    return SidClaim.of(record.sid())
        .persist()
        .chain(row::persist)
        .chain(() -> keyWritten)
        .chain(
            () ->
                record.status().terminal()
                    ? enqueueCompleted(record, traceparent)
                    : Uni.createFrom().voidItem())
        .replaceWith(record);
  }

  private Uni<Void> enqueueCompleted(LifecycleRecord record, String traceparent) {
    byte[] payload = CompletedRecordEvents.completed(record);
    String eventId = CompletedRecordEvents.eventId(record.sid(), record.version());
    return OutboxEvent.of(record.accountSid(), eventId, payload, store.now(), traceparent)
        .persist()
        .replaceWithVoid();
  }

  /** What a create came to. */
  public sealed interface Created {
    /** This request made the record. */
    record Made(LifecycleRecord record) implements Created {}

    /**
     * An earlier create with the same Idempotency-Key made {@code sid}; its record while it is
     * still in-flight (the retry can come after it finished and moved on).
     */
    record Repeated(String sid, Optional<LifecycleRecord> record) implements Created {}

    /** The producer's Sid names a record that exists or existed, in this account or another. */
    record SidTaken(String sid) implements Created {}
  }
}
