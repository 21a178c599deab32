package io.flightdeck.inflight.lifecycle;

import io.flightdeck.flags.AccountFlags;
import io.flightdeck.flags.Flags;
import io.flightdeck.flags.WritePath;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.ListPosition;
import io.flightdeck.record.Sid;
import io.flightdeck.record.Status;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * Where an account's records are written and found, by its {@code write-path} flag (account-flags;
 * an account Unleash says nothing about is on {@code split}):
 *
 * <ul>
 *   <li>{@code split}: the in-flight nodes only; the legacy store is never asked.
 *   <li>{@code dual}: new records are born on the in-flight nodes, and every write of them is also
 *       made in the legacy store as a copy ({@link LegacyRecords#mirror}); records born in legacy
 *       before the flip live on there until they end.
 *   <li>{@code legacy}: new records are born in the legacy store ({@link LegacyWrites}); records
 *       the in-flight nodes hold (born while the account was on {@code dual}, before a rollback)
 *       live on there, still copied.
 * </ul>
 *
 * <p>Off {@code split}, a record is looked for on the in-flight nodes first, then in legacy: a
 * record lives in one store, and its copy never takes a write. A write answers only once every copy
 * it needs is made: a copy that fails is a 503, and the producer's retry (the transition is then
 * already there) makes it again.
 */
@ApplicationScoped
public class WritePaths {
  private final AccountFlags flags;
  private final RecordCreates creates;
  private final RecordTransitions transitions;
  private final RecordStore store;
  private final LegacyRecords legacy;
  private final LegacyWrites legacyWrites;

  public WritePaths(
      AccountFlags flags,
      RecordCreates creates,
      RecordTransitions transitions,
      RecordStore store,
      LegacyRecords legacy,
      LegacyWrites legacyWrites) {
    this.flags = flags;
    this.creates = creates;
    this.transitions = transitions;
    this.store = store;
    this.legacy = legacy;
    this.legacyWrites = legacyWrites;
  }

  private Uni<WritePath> pathOf(Sid account) {
    return flags.variant(Flags.WRITE_PATH, account.value());
  }

  <R extends LifecycleRecord> Uni<RecordCreates.Created> create(
      RecordType<R, ?> type, Sid account, NewRecord<R> request, Optional<String> idempotencyKey) {
    return pathOf(account)
        .flatMap(
            path -> {
              if (path == WritePath.LEGACY) {
                return legacyWrites.create(type, account, request, idempotencyKey);
              }
              Uni<RecordCreates.Created> created =
                  creates.create(type, account, request, idempotencyKey);
              return path.mirrorsToLegacy() ? created.call(made -> mirror(type, made)) : created;
            });
  }

  private Uni<Void> mirror(RecordType<?, ?> type, RecordCreates.Created created) {
    if (created instanceof RecordCreates.Created.Made made) {
      return legacy.mirror(type, made.record());
    }
    if (created instanceof RecordCreates.Created.Repeated repeated
        && repeated.record().isPresent()) {
      return legacy.mirror(type, repeated.record().get());
    }
    return Uni.createFrom().voidItem();
  }

  <R extends LifecycleRecord> Uni<Optional<R>> find(
      RecordType<R, ?> type, Sid account, String sid) {
    return pathOf(account)
        .flatMap(
            path -> {
              Uni<Optional<R>> onNodes = store.find(type, account, sid);
              if (path == WritePath.SPLIT) {
                return onNodes;
              }
              return onNodes.flatMap(
                  found ->
                      found.isPresent()
                          ? Uni.createFrom().item(found)
                          : legacy.find(type, account, sid));
            });
  }

  <R extends LifecycleRecord, S extends Enum<S> & Status> Uni<TransitionOutcome> transition(
      RecordType<R, S> type, Sid account, String sid, Transition<R, S> change) {
    return pathOf(account)
        .flatMap(
            path -> {
              Uni<TransitionOutcome> onNodes = transitions.transition(type, account, sid, change);
              if (path == WritePath.SPLIT) {
                return onNodes;
              }
              return onNodes.flatMap(
                  outcome -> {
                    if (outcome instanceof TransitionOutcome.NotFound) {
                      return legacyWrites.transition(type, account, sid, change);
                    }
                    if (outcome instanceof TransitionOutcome.Applied applied) {
                      return legacy.mirror(type, applied.record()).replaceWith(outcome);
                    }
                    return Uni.createFrom().item(outcome);
                  });
            });
  }

  <R extends LifecycleRecord> Uni<List<R>> list(
      RecordType<R, ?> type,
      Sid account,
      Optional<ListPosition> after,
      ListFilters.Live<R> filter,
      int limit) {
    return pathOf(account)
        .flatMap(
            path -> {
              LiveList<R> request = new LiveList<>(type, account, after, filter, limit);
              Uni<List<R>> onNodes = store.list(request);
              if (path == WritePath.SPLIT) {
                return onNodes;
              }
              return Uni.combine()
                  .all()
                  .unis(onNodes, legacy.listLive(request))
                  .with((nodes, born) -> request.merged(List.of(nodes, born)));
            });
  }
}
