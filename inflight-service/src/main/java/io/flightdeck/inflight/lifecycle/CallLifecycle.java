package io.flightdeck.inflight.lifecycle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flightdeck.event.CompletedRecordEvents;
import io.flightdeck.inflight.outbox.OutboxEvent;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.CallStatus;
import io.flightdeck.record.Lifecycle.Decision;
import io.flightdeck.record.Sid;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The write path of live calls. Every change is checked against {@link CallStatus#LIFECYCLE} and
 * applied only where the row still has the version it was read at; a terminal move writes its
 * completed-record event to the outbox in the same transaction, so the event exists if and only if
 * the move committed.
 */
@ApplicationScoped
public class CallLifecycle {
  /** How often a transition that lost a race re-reads and decides again before giving up. */
  private static final int ATTEMPTS = 5;

  private final ObjectMapper json;
  private final Clock clock = Clock.systemUTC();

  public CallLifecycle(ObjectMapper json) {
    this.json = json;
  }

  /** Creates a call, or answers the call a previous create with the same key made. */
  public Uni<Created> create(Sid account, NewCall request, Optional<String> idempotencyKey) {
    Instant now = now();
    CallRecord record = request.toRecord(account, now);
    return Panache.withTransaction(
        () ->
            idempotencyKey
                .map(key -> IdempotencyKey.<IdempotencyKey>findById(new IdempotencyKey.Key(account.value(), key)))
                .orElse(Uni.createFrom().nullItem())
                .flatMap(
                    previous ->
                        previous != null
                            ? find(account, previous.sid).map(found -> new Created(found.orElse(null), false))
                            : insert(record, idempotencyKey, now).map(r -> new Created(r, true))));
  }

  private Uni<CallRecord> insert(CallRecord record, Optional<String> idempotencyKey, Instant now) {
    LiveCall row = new LiveCall();
    row.sid = record.sid();
    row.accountSid = record.accountSid();
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

  /** The live call, if this account has one with this Sid. */
  @WithSession
  public Uni<Optional<CallRecord>> find(Sid account, String sid) {
    return LiveCall.<LiveCall>findById(sid)
        .map(row -> Optional.ofNullable(row).filter(r -> r.accountSid.equals(account.value())).map(r -> read(r.record)));
  }

  /** Applies a transition; see {@link TransitionOutcome} for what a caller can get back. */
  public Uni<TransitionOutcome> transition(Sid account, String sid, CallTransition change) {
    change.validate();
    return attempt(account, sid, change, 1);
  }

  private Uni<TransitionOutcome> attempt(Sid account, String sid, CallTransition change, int attempt) {
    return Panache.withTransaction(() -> decideAndApply(account, sid, change))
        .flatMap(
            outcome ->
                outcome instanceof TransitionOutcome.LostRace && attempt < ATTEMPTS
                    ? attempt(account, sid, change, attempt + 1)
                    : Uni.createFrom().item(outcome));
  }

  private Uni<TransitionOutcome> decideAndApply(Sid account, String sid, CallTransition change) {
    return LiveCall.<LiveCall>findById(sid)
        .flatMap(
            row -> {
              if (row == null || !row.accountSid.equals(account.value())) {
                return Uni.createFrom().item(new TransitionOutcome.NotFound());
              }
              CallRecord current = read(row.record);
              Decision decision = CallStatus.LIFECYCLE.decide(current.status(), change.status());
              if (decision instanceof Decision.Refused refused) {
                return Uni.createFrom().item(new TransitionOutcome.Refused(current, refused.reason()));
              }
              if (decision instanceof Decision.AlreadyThere) {
                return Uni.createFrom().item(new TransitionOutcome.Applied(current));
              }
              return apply(current, change.applyTo(current, now()));
            });
  }

  private Uni<TransitionOutcome> apply(CallRecord current, CallRecord next) {
    return LiveCall.update(
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

  /** A page of an account's live calls, newest first, strictly after the given position. */
  @WithSession
  public Uni<List<CallRecord>> list(Sid account, Optional<Position> after, int limit) {
    Uni<List<LiveCall>> rows =
        after.isEmpty()
            ? LiveCall.<LiveCall>find("accountSid = ?1 order by dateCreated desc, sid desc", account.value()).page(0, limit).list()
            : LiveCall.<LiveCall>find(
                    "accountSid = ?1 and (dateCreated < ?2 or (dateCreated = ?2 and sid < ?3)) order by dateCreated desc, sid desc",
                    account.value(), after.get().dateCreated(), after.get().sid())
                .page(0, limit)
                .list();
    return rows.map(list -> list.stream().map(r -> read(r.record)).toList());
  }

  private Uni<Void> enqueueCompleted(CallRecord record) {
    byte[] payload = CompletedRecordEvents.callCompleted(record);
    String eventId = CompletedRecordEvents.eventId(record.sid(), record.version());
    return OutboxEvent.of(record.accountSid(), eventId, payload, now()).persist().replaceWithVoid();
  }

  /** Database columns keep microseconds; so does every instant the service hands out. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private String write(CallRecord record) {
    try {
      return json.writeValueAsString(record);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a call record always serializes", e);
    }
  }

  private CallRecord read(String text) {
    try {
      return json.readValue(text, CallRecord.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored call record is unreadable", e);
    }
  }

  /** The result of a create: the record, and whether this request made it. */
  public record Created(CallRecord record, boolean isNew) {}

  /** A position in the (date created desc, sid desc) order of an account's records. */
  public record Position(Instant dateCreated, String sid) {}
}
