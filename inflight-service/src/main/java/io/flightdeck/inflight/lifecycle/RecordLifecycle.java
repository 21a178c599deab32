package io.flightdeck.inflight.lifecycle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flightdeck.event.CompletedRecordEvents;
import io.flightdeck.inflight.outbox.OutboxEvent;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.Lifecycle.Decision;
import io.flightdeck.record.Sid;
import io.flightdeck.record.Status;
import io.quarkus.hibernate.reactive.panache.Panache;
import org.hibernate.exception.ConstraintViolationException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The write path of live records, the same for every {@link RecordType}. Every change is checked
 * against the kind's state machine and applied only where the row still has the version it was
 * read at; a terminal move writes its completed-record event to the outbox in the same
 * transaction, so the event exists if and only if the move committed.
 */
@ApplicationScoped
public class RecordLifecycle {
  /** How often a transition that lost a race re-reads and decides again before giving up. */
  private static final int ATTEMPTS = 5;

  private final ObjectMapper json;
  private final Clock clock = Clock.systemUTC();

  public RecordLifecycle(ObjectMapper json) {
    this.json = json;
  }

  /**
   * Creates a record, or answers the record a previous create with the same key made. Two creates
   * racing with one key both end with the record of the one that committed first.
   */
  public <R extends LifecycleRecord> Uni<Created> create(
      RecordType<R, ?> type, Sid account, NewRecord<R> request, Optional<String> idempotencyKey) {
    Instant now = now();
    R record = request.toRecord(account, now);
    return Panache.withTransaction(
            () ->
                previousCreate(type, account, idempotencyKey)
                    .flatMap(
                        previous ->
                            previous.isPresent()
                                ? Uni.createFrom().item(previous.get())
                                : insert(type, record, idempotencyKey, now).map(r -> new Created(r.sid(), Optional.of(r), true))))
        .onFailure(RecordLifecycle::duplicateKey)
        .recoverWithUni(() -> Panache.withSession(() -> previousCreate(type, account, idempotencyKey).map(Optional::orElseThrow)));
  }

  /** What an earlier create with this key made; its record is absent once it has left in-flight. */
  private <R extends LifecycleRecord> Uni<Optional<Created>> previousCreate(
      RecordType<R, ?> type, Sid account, Optional<String> idempotencyKey) {
    if (idempotencyKey.isEmpty()) {
      return Uni.createFrom().item(Optional.empty());
    }
    return IdempotencyKey.<IdempotencyKey>findById(new IdempotencyKey.Key(account.value(), idempotencyKey.get()))
        .flatMap(
            previous ->
                previous == null
                    ? Uni.createFrom().item(Optional.<Created>empty())
                    : LiveRecord.<LiveRecord>findById(previous.sid)
                        .map(row -> Optional.of(new Created(previous.sid, Optional.ofNullable(row).map(r -> read(type, r)), false))));
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
      RecordType<?, ?> type, LifecycleRecord record, Optional<String> idempotencyKey, Instant now) {
    LiveRecord row = new LiveRecord();
    row.sid = record.sid();
    row.accountSid = record.accountSid();
    row.kind = type.column();
    row.status = record.status().wireName();
    row.dateCreated = record.dateCreated();
    row.version = record.version();
    row.record = write(record);
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
    return row.persist()
        .chain(() -> keyWritten)
        .chain(() -> record.status().terminal() ? enqueueCompleted(record) : Uni.createFrom().voidItem())
        .replaceWith(record);
  }

  /** The live record of this kind, if this account has one with this Sid. */
  @WithSession
  public <R extends LifecycleRecord> Uni<Optional<R>> find(RecordType<R, ?> type, Sid account, String sid) {
    return LiveRecord.<LiveRecord>findById(sid)
        .map(row -> Optional.ofNullable(row).filter(r -> owns(type, account, r)).map(r -> read(type, r)));
  }

  /** Applies a transition; see {@link TransitionOutcome} for what a caller can get back. */
  public <R extends LifecycleRecord, S extends Enum<S> & Status> Uni<TransitionOutcome> transition(
      RecordType<R, S> type, Sid account, String sid, Transition<R, S> change) {
    change.validate();
    return attempt(type, account, sid, change, 1);
  }

  private <R extends LifecycleRecord, S extends Enum<S> & Status> Uni<TransitionOutcome> attempt(
      RecordType<R, S> type, Sid account, String sid, Transition<R, S> change, int attempt) {
    return Panache.withTransaction(() -> decideAndApply(type, account, sid, change))
        .flatMap(
            outcome ->
                outcome instanceof TransitionOutcome.LostRace && attempt < ATTEMPTS
                    ? attempt(type, account, sid, change, attempt + 1)
                    : Uni.createFrom().item(outcome));
  }

  private <R extends LifecycleRecord, S extends Enum<S> & Status> Uni<TransitionOutcome> decideAndApply(
      RecordType<R, S> type, Sid account, String sid, Transition<R, S> change) {
    return LiveRecord.<LiveRecord>findById(sid)
        .flatMap(
            row -> {
              if (row == null || !owns(type, account, row)) {
                return Uni.createFrom().item(new TransitionOutcome.NotFound());
              }
              R current = read(type, row);
              Decision decision = type.decide(current, change.status());
              if (decision instanceof Decision.Refused refused) {
                return Uni.createFrom().item(new TransitionOutcome.Refused(current, refused.reason()));
              }
              if (decision instanceof Decision.AlreadyThere) {
                return Uni.createFrom().item(new TransitionOutcome.Applied(current));
              }
              return apply(current, change.applyTo(current, now()));
            });
  }

  private Uni<TransitionOutcome> apply(LifecycleRecord current, LifecycleRecord next) {
    return LiveRecord.update(
            "status = ?1, version = ?2, record = ?3 where sid = ?4 and version = ?5",
            next.status().wireName(), next.version(), write(next), next.sid(), current.version())
        .flatMap(
            updated -> {
              if (updated == 0) {
                return Uni.createFrom().item(new TransitionOutcome.LostRace());
              }
              Uni<Void> event = next.status().terminal() ? enqueueCompleted(next) : Uni.createFrom().voidItem();
              return event.replaceWith(new TransitionOutcome.Applied(next));
            });
  }

  /** A page of an account's live records of one kind, newest first, strictly after the position. */
  @WithSession
  public <R extends LifecycleRecord> Uni<List<R>> list(
      RecordType<R, ?> type, Sid account, Optional<Position> after, int limit) {
    Uni<List<LiveRecord>> rows =
        after.isEmpty()
            ? LiveRecord.<LiveRecord>find(
                    "accountSid = ?1 and kind = ?2 order by dateCreated desc, sid desc", account.value(), type.column())
                .page(0, limit)
                .list()
            : LiveRecord.<LiveRecord>find(
                    "accountSid = ?1 and kind = ?2 and (dateCreated < ?3 or (dateCreated = ?3 and sid < ?4))"
                        + " order by dateCreated desc, sid desc",
                    account.value(), type.column(), after.get().dateCreated(), after.get().sid())
                .page(0, limit)
                .list();
    return rows.map(list -> list.stream().map(r -> read(type, r)).toList());
  }

  private static boolean owns(RecordType<?, ?> type, Sid account, LiveRecord row) {
    return row.accountSid.equals(account.value()) && row.kind.equals(type.column());
  }

  private Uni<Void> enqueueCompleted(LifecycleRecord record) {
    byte[] payload = CompletedRecordEvents.completed(record);
    String eventId = CompletedRecordEvents.eventId(record.sid(), record.version());
    return OutboxEvent.of(record.accountSid(), eventId, payload, now()).persist().replaceWithVoid();
  }

  /** Database columns keep microseconds; so does every instant the service hands out. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private String write(LifecycleRecord record) {
    try {
      return json.writeValueAsString(record);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a record always serializes", e);
    }
  }

  private <R extends LifecycleRecord> R read(RecordType<R, ?> type, LiveRecord row) {
    try {
      return json.readValue(row.record, type.recordClass());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored record " + row.sid + " is unreadable", e);
    }
  }

  /**
   * The result of a create: the Sid, the record while it is still in-flight (a retried create can
   * come after the record finished and moved on), and whether this request made it.
   */
  public record Created(String sid, Optional<LifecycleRecord> record, boolean isNew) {}

  /** A position in the (date created desc, sid desc) order of an account's records. */
  public record Position(Instant dateCreated, String sid) {}
}
