package io.flightdeck.inflight.lifecycle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flightdeck.event.CompletedRecordEvents;
import io.flightdeck.inflight.outbox.OutboxEvent;
import io.flightdeck.record.Lifecycle.Decision;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.ListPosition;
import io.flightdeck.record.Sid;
import io.flightdeck.record.Status;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The write path of live records, the same for every {@link RecordType}. Every change is checked
 * against the kind's state machine and applied only where the row still has the version it was read
 * at; a terminal move writes its completed-record event to the outbox in the same transaction, so
 * the event exists if and only if the move committed.
 *
 * <p>Transitions are the hot path (several per record, from many producers at once), so they use
 * Hibernate Reactive's stateless session: no persistence context to fill and flush, a primary-key
 * read and one native UPDATE, and a transaction only where two rows must change together. A move
 * between live states costs two round trips; a terminal move five (read, begin, update, outbox
 * insert, commit).
 */
@ApplicationScoped
public class RecordLifecycle {
  /** How often a transition that lost a race re-reads and decides again before giving up. */
  private static final int ATTEMPTS = 5;

  /** Rows a filtered list reads per round trip while it looks for matches. */
  private static final int LIST_BATCH = 200;

  private final ObjectMapper json;
  private final Mutiny.SessionFactory sessions;
  private final Clock clock = Clock.systemUTC();

  public RecordLifecycle(ObjectMapper json, Mutiny.SessionFactory sessions) {
    this.json = json;
    this.sessions = sessions;
  }

  /**
   * Creates a record, or answers the record a previous create with the same key made. Two creates
   * racing with one key both end with the record of the one that committed first. A Sid that a
   * record has, or ever had, here is never given to a second one (see {@link SidClaim}).
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
                                : insert(type, record, idempotencyKey, now)
                                    .map(made -> (Created) new Created.Made(made))))
        .onFailure(RecordLifecycle::duplicateKey)
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
                                        Optional.ofNullable(row).map(r -> read(type, r))))));
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
    return SidClaim.of(record.sid())
        .persist()
        .chain(row::persist)
        .chain(() -> keyWritten)
        .chain(
            () ->
                record.status().terminal() ? enqueueCompleted(record) : Uni.createFrom().voidItem())
        .replaceWith(record);
  }

  /** The live record of this kind, if this account has one with this Sid. */
  @WithSession
  public <R extends LifecycleRecord> Uni<Optional<R>> find(
      RecordType<R, ?> type, Sid account, String sid) {
    return LiveRecord.<LiveRecord>findById(sid)
        .map(
            row ->
                Optional.ofNullable(row)
                    .filter(r -> owns(type, account, r))
                    .map(r -> read(type, r)));
  }

  /** Applies a transition; see {@link TransitionOutcome} for what a caller can get back. */
  public <R extends LifecycleRecord, S extends Enum<S> & Status> Uni<TransitionOutcome> transition(
      RecordType<R, S> type, Sid account, String sid, Transition<R, S> change) {
    change.validate();
    return attempt(type, account, sid, change, 1);
  }

  private <R extends LifecycleRecord, S extends Enum<S> & Status> Uni<TransitionOutcome> attempt(
      RecordType<R, S> type, Sid account, String sid, Transition<R, S> change, int attempt) {
    return sessions
        .withStatelessSession(session -> decideAndApply(session, type, account, sid, change))
        .flatMap(
            outcome ->
                outcome instanceof TransitionOutcome.LostRace && attempt < ATTEMPTS
                    ? attempt(type, account, sid, change, attempt + 1)
                    : Uni.createFrom().item(outcome));
  }

  /**
   * Reads the row, decides, and writes only where the row still has the version it was read at. The
   * read needs no transaction: the version check makes the write fail if anything changed since.
   */
  private <R extends LifecycleRecord, S extends Enum<S> & Status>
      Uni<TransitionOutcome> decideAndApply(
          Mutiny.StatelessSession session,
          RecordType<R, S> type,
          Sid account,
          String sid,
          Transition<R, S> change) {
    return session
        .get(LiveRecord.class, sid)
        .flatMap(
            row -> {
              if (row == null || !owns(type, account, row)) {
                return Uni.createFrom().item(new TransitionOutcome.NotFound());
              }
              R current = read(type, row);
              Decision decision = type.decide(current, change.status());
              if (decision instanceof Decision.Refused refused) {
                return Uni.createFrom()
                    .item(new TransitionOutcome.Refused(current, refused.reason()));
              }
              if (decision instanceof Decision.AlreadyThere) {
                return Uni.createFrom().item(new TransitionOutcome.Applied(current));
              }
              return apply(session, current, change.applyTo(current, now()));
            });
  }

  /**
   * A move between live states is one version-checked UPDATE, committed on its own; a move into a
   * terminal state is that UPDATE and the outbox row in one transaction.
   */
  private Uni<TransitionOutcome> apply(
      Mutiny.StatelessSession session, LifecycleRecord current, LifecycleRecord next) {
    if (!next.status().terminal()) {
      return update(session, current, next);
    }
    return session.withTransaction(
        tx ->
            update(session, current, next)
                .flatMap(
                    outcome ->
                        outcome instanceof TransitionOutcome.Applied
                            ? session.insert(completedEvent(next)).replaceWith(outcome)
                            : Uni.createFrom().item(outcome)));
  }

  private Uni<TransitionOutcome> update(
      Mutiny.StatelessSession session, LifecycleRecord current, LifecycleRecord next) {
    return session
        .createNativeQuery(
            "UPDATE live_record SET status = ?, version = ?, record = ? WHERE sid = ? AND version = ?")
        .setParameter(1, next.status().wireName())
        .setParameter(2, next.version())
        .setParameter(3, write(next))
        .setParameter(4, next.sid())
        .setParameter(5, current.version())
        .executeUpdate()
        .map(
            updated ->
                updated == 0
                    ? new TransitionOutcome.LostRace()
                    : new TransitionOutcome.Applied(next));
  }

  /**
   * A page of an account's live records of one kind that pass {@code filter}, newest first,
   * strictly after the position. The in-flight store keeps one index (account, kind, date created,
   * sid), so a filtered list walks the account's live records in that order and tests each: an
   * account's live records are few next to its finished ones, and a write-optimized store carries
   * no filter index.
   */
  public <R extends LifecycleRecord> Uni<List<R>> list(
      RecordType<R, ?> type,
      Sid account,
      Optional<ListPosition> after,
      Predicate<R> filter,
      int limit) {
    int batch = Math.max(limit, LIST_BATCH);
    return sessions.withStatelessSession(
        session -> collect(session, type, account, after, filter, limit, batch, new ArrayList<>()));
  }

  private <R extends LifecycleRecord> Uni<List<R>> collect(
      Mutiny.StatelessSession session,
      RecordType<R, ?> type,
      Sid account,
      Optional<ListPosition> after,
      Predicate<R> filter,
      int limit,
      int batch,
      List<R> found) {
    return page(session, type, account, after, batch)
        .flatMap(
            rows -> {
              for (LiveRecord row : rows) {
                R record = read(type, row);
                if (filter.test(record)) {
                  found.add(record);
                  if (found.size() == limit) {
                    return Uni.createFrom().item(found);
                  }
                }
              }
              if (rows.size() < batch) {
                return Uni.createFrom().item(found);
              }
              LiveRecord last = rows.get(rows.size() - 1);
              Optional<ListPosition> next =
                  Optional.of(new ListPosition(last.dateCreated, last.sid));
              return collect(session, type, account, next, filter, limit, batch, found);
            });
  }

  private static Uni<List<LiveRecord>> page(
      Mutiny.StatelessSession session,
      RecordType<?, ?> type,
      Sid account,
      Optional<ListPosition> after,
      int limit) {
    String keyset =
        after.isEmpty()
            ? ""
            : " and (r.dateCreated < :date or (r.dateCreated = :date and r.sid < :sid))";
    Mutiny.SelectionQuery<LiveRecord> query =
        session
            .createSelectionQuery(
                "from LiveRecord r where r.accountSid = :account and r.kind = :kind"
                    + keyset
                    + " order by r.dateCreated desc, r.sid desc",
                LiveRecord.class)
            .setParameter("account", account.value())
            .setParameter("kind", type.column())
            .setMaxResults(limit);
    after.ifPresent(p -> query.setParameter("date", p.dateCreated()).setParameter("sid", p.sid()));
    return query.getResultList();
  }

  private static boolean owns(RecordType<?, ?> type, Sid account, LiveRecord row) {
    return row.accountSid.equals(account.value()) && row.kind.equals(type.column());
  }

  private Uni<Void> enqueueCompleted(LifecycleRecord record) {
    return completedEvent(record).persist().replaceWithVoid();
  }

  private OutboxEvent completedEvent(LifecycleRecord record) {
    byte[] payload = CompletedRecordEvents.completed(record);
    String eventId = CompletedRecordEvents.eventId(record.sid(), record.version());
    return OutboxEvent.of(record.accountSid(), eventId, payload, now());
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
