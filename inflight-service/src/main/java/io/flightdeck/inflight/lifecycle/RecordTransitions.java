package io.flightdeck.inflight.lifecycle;

import io.flightdeck.inflight.nodes.InflightNode;
import io.flightdeck.inflight.nodes.InflightNodes;
import io.flightdeck.inflight.nodes.Slots;
import io.flightdeck.record.InvalidFieldException;
import io.flightdeck.record.Lifecycle.Decision;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.Sid;
import io.flightdeck.record.Status;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

/**
 * Transitions, the hot path: several per record, from many producers at once. Each is checked
 * against the kind's state machine and written by one UPDATE that changes the row only where it
 * still has the version the decision was taken at ({@link GroupCommit}, which also writes a
 * terminal move's outbox row in the same transaction).
 *
 * <p>The happy path is that one statement: the decision is taken on the record as this instance
 * last wrote or read it ({@link RecentRecords}). The store is read only when that is not enough:
 * the record is not remembered, the remembered record would not move (a repeat or an illegal move
 * is answered from the store, never from memory), or the UPDATE changed no row (another writer
 * moved it, or it left). Then the record is read, decided on again and written again, up to {@link
 * #ATTEMPTS} times.
 */
@ApplicationScoped
public class RecordTransitions {
  /** How often a transition that lost a race re-reads and decides again before giving up. */
  private static final int ATTEMPTS = 5;

  private final InflightNodes nodes;
  private final RecordStore store;
  private final RecentRecords recent;
  private final NodeWrites writes;
  private final TransitionMetrics metrics;

  public RecordTransitions(
      InflightNodes nodes,
      RecordStore store,
      RecentRecords recent,
      NodeWrites writes,
      TransitionMetrics metrics) {
    this.nodes = nodes;
    this.store = store;
    this.recent = recent;
    this.writes = writes;
    this.metrics = metrics;
  }

  /**
   * Applies a transition; see {@link TransitionOutcome} for what a caller can get back.
   *
   * @throws InvalidFieldException when no in-flight node owns the Sid's slot (no record can have
   *     it)
   */
  public <R extends LifecycleRecord, S extends Enum<S> & Status> Uni<TransitionOutcome> transition(
      RecordType<R, S> type, Sid account, String sid, Transition<R, S> change) {
    change.validate();
    if (nodes.owners(sid).isEmpty()) {
      throw new InvalidFieldException(
          "Sid", "Sid " + sid + " names slot " + Slots.of(sid) + ", which no in-flight node owns");
    }
    return decideAndWrite(type, account, sid, change)
        .invoke(outcome -> metrics.count(type.kind(), change.status(), outcome));
  }

  private <R extends LifecycleRecord, S extends Enum<S> & Status>
      Uni<TransitionOutcome> decideAndWrite(
          RecordType<R, S> type, Sid account, String sid, Transition<R, S> change) {
    Optional<R> remembered =
        recent
            .get(sid)
            .filter(record -> owns(type, account, record))
            .map(record -> type.recordClass().cast(record));
    InflightNode owner = nodes.owners(sid).get(0);
    if (remembered.isPresent()
        && owner.serving()
        && type.decide(remembered.get(), change.status()) instanceof Decision.Apply) {
      // Most records are on their slot's current owner; one that is not loses this race and is
      // looked for on the slot's earlier owners.
      return write(owner, remembered.get(), change)
          .flatMap(
              outcome ->
                  outcome instanceof TransitionOutcome.LostRace
                      ? readAndApply(type, account, sid, change, 1)
                      : Uni.createFrom().item(outcome));
    }
    return readAndApply(type, account, sid, change, 1);
  }

  private <R extends LifecycleRecord, S extends Enum<S> & Status>
      Uni<TransitionOutcome> readAndApply(
          RecordType<R, S> type, Sid account, String sid, Transition<R, S> change, int attempt) {
    return store
        .locate(type, account, sid)
        .flatMap(
            found -> {
              if (found.isEmpty()) {
                return Uni.createFrom().item(new TransitionOutcome.NotFound());
              }
              R current = found.get().record();
              Optional<TransitionOutcome> answered = answeredWithoutWrite(type, current, change);
              if (answered.isPresent()) {
                return Uni.createFrom().item(answered.get());
              }
              return write(found.get().node(), current, change);
            })
        .flatMap(
            outcome ->
                outcome instanceof TransitionOutcome.LostRace && attempt < ATTEMPTS
                    ? readAndApply(type, account, sid, change, attempt + 1)
                    : Uni.createFrom().item(outcome));
  }

  private <R extends LifecycleRecord, S extends Enum<S> & Status> Uni<TransitionOutcome> write(
      InflightNode node, R current, Transition<R, S> change) {
    Instant now = store.now();
    R next = change.applyTo(current, now);
    return node.guard(
            writes
                .on(node)
                .write(new GroupCommit.Write(next, store.json(next), current.version(), now)))
        .map(
            applied -> {
              if (!applied) {
                recent.forget(current.sid());
                return new TransitionOutcome.LostRace();
              }
              recent.remember(next);
              return new TransitionOutcome.Applied(next);
            });
  }

  /**
   * The answer to a transition the record does not need written for: a refusal with the state
   * machine's reason, or the record as it is when it already has the status. Empty when the move
   * applies.
   */
  static <R extends LifecycleRecord, S extends Enum<S> & Status>
      Optional<TransitionOutcome> answeredWithoutWrite(
          RecordType<R, S> type, R current, Transition<R, S> change) {
    Decision decision = type.decide(current, change.status());
    if (decision instanceof Decision.Refused refused) {
      return Optional.of(new TransitionOutcome.Refused(current, refused.reason()));
    }
    if (decision instanceof Decision.AlreadyThere) {
      return Optional.of(new TransitionOutcome.Applied(current));
    }
    return Optional.empty();
  }

  private static boolean owns(RecordType<?, ?> type, Sid account, LifecycleRecord record) {
    return record.accountSid().equals(account.value()) && record.kind() == type.kind();
  }
}
