package io.flightdeck.inflight.lifecycle;

import io.flightdeck.inflight.nodes.InflightNode;
import io.flightdeck.inflight.nodes.Slots;
import io.flightdeck.inflight.outbox.RecordTrace;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.Sid;
import io.flightdeck.record.Status;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * Creates and transitions of records that live in the legacy combined store: those of accounts on
 * the {@code legacy} write path, and those born there before their account moved on. The same state
 * machines, idempotency and answers as the split path: a create inserts the row and its key in one
 * transaction; a transition reads the row under a lock, decides, and updates it in the same
 * transaction; a terminal version's completed-record event goes into the legacy store's own outbox
 * in that transaction, which the relay publishes like an in-flight node's, so a consumer cannot
 * tell the paths apart.
 *
 * <p>A copy ({@code mirrored = 1}) is never written here: its record lives on the in-flight nodes.
 */
@ApplicationScoped
public class LegacyWrites {
  private final LegacyRecords records;
  private final RecordStore store;
  private final RecordTrace trace;

  public LegacyWrites(LegacyRecords records, RecordStore store, RecordTrace trace) {
    this.records = records;
    this.store = store;
    this.trace = trace;
  }

  /** Creates the record here, or answers what an earlier create with the same key made. */
  public <R extends LifecycleRecord> Uni<RecordCreates.Created> create(
      RecordType<R, ?> type, Sid account, NewRecord<R> request, Optional<String> idempotencyKey) {
    InflightNode server = records.server();
    Instant now = store.now();
    String sid =
        request
            .ownSid()
            .orElseGet(
                () ->
                    Slots.mint(
                        request.mintedKind(), ThreadLocalRandom.current().nextInt(Slots.COUNT)));
    R record = request.toRecord(account, now, sid);
    String traceparent = trace.current().orElse(null);
    return server
        .guard(
            server
                .pool()
                .withTransaction(
                    connection ->
                        previous(connection, type, account, idempotencyKey)
                            .flatMap(
                                earlier ->
                                    earlier.isPresent()
                                        ? Uni.createFrom().item(earlier.get())
                                        : WrittenWithTheRow.keyAndEvent(
                                                connection,
                                                record,
                                                idempotencyKey,
                                                now,
                                                traceparent,
                                                row(connection, type, record))
                                            .replaceWith(
                                                (RecordCreates.Created)
                                                    new RecordCreates.Created.Made(record)))))
        .onFailure(RecordCreates::duplicateKey)
        .recoverWithUni(
            () ->
                server.guard(
                    previous(server.pool(), type, account, idempotencyKey)
                        .map(
                            earlier ->
                                earlier.orElseGet(
                                    () -> new RecordCreates.Created.SidTaken(record.sid())))));
  }

  private <R extends LifecycleRecord> Uni<Optional<RecordCreates.Created>> previous(
      SqlClient client, RecordType<R, ?> type, Sid account, Optional<String> idempotencyKey) {
    if (idempotencyKey.isEmpty()) {
      return Uni.createFrom().item(Optional.empty());
    }
    return client
        .preparedQuery(
            "SELECT sid FROM idempotency_key WHERE account_sid = ? AND idempotency_key = ?")
        .execute(Tuple.of(account.value(), idempotencyKey.get()))
        .flatMap(
            rows -> {
              if (rows.size() == 0) {
                return Uni.createFrom().item(Optional.empty());
              }
              String sid = rows.iterator().next().getString("sid");
              return records
                  .stored(client, type, account, sid, false)
                  .map(
                      found ->
                          Optional.of(
                              new RecordCreates.Created.Repeated(
                                  sid, found.map(LegacyRecords.Stored::record))));
            });
  }

  /** The record's row, born here ({@code mirrored = 0}). */
  private static Uni<?> row(
      SqlConnection connection, RecordType<?, ?> type, LifecycleRecord record) {
    List<String> names = LegacyRecords.table(type).columns().names();
    Tuple row = Tuple.of(LegacyRecords.table(type).kind());
    Arrays.stream(LegacyRecords.values(type, record)).forEach(row::addValue);
    return connection
        .preparedQuery(
            "INSERT INTO records (kind, mirrored, "
                + String.join(", ", names)
                + ") VALUES (?, 0"
                + ", ?".repeat(names.size())
                + ")")
        .execute(row);
  }

  /**
   * Applies a transition to a record born here. {@link TransitionOutcome.NotFound} when the account
   * has no such record here, or only a copy, whose record the caller looked for on the in-flight
   * nodes already.
   */
  public <R extends LifecycleRecord, S extends Enum<S> & Status> Uni<TransitionOutcome> transition(
      RecordType<R, S> type, Sid account, String sid, Transition<R, S> change) {
    InflightNode server = records.server();
    String assignments =
        LegacyRecords.table(type).columns().names().stream()
            .map(name -> name + " = ?")
            .collect(Collectors.joining(", "));
    return server.guard(
        server
            .pool()
            .withTransaction(
                connection ->
                    records
                        .stored(connection, type, account, sid, true)
                        .flatMap(
                            found -> {
                              if (found.isEmpty()) {
                                return Uni.createFrom().item(new TransitionOutcome.NotFound());
                              }
                              R current = found.get().record();
                              Optional<TransitionOutcome> answered =
                                  RecordTransitions.answeredWithoutWrite(type, current, change);
                              if (answered.isPresent()) {
                                return Uni.createFrom().item(answered.get());
                              }
                              if (found.get().mirrored()) {
                                return Uni.createFrom().item(new TransitionOutcome.NotFound());
                              }
                              Instant now = store.now();
                              R next = change.applyTo(current, now);
                              Tuple values = Tuple.tuple();
                              Arrays.stream(LegacyRecords.values(type, next))
                                  .forEach(values::addValue);
                              Uni<?> updated =
                                  connection
                                      .preparedQuery(
                                          "UPDATE records SET "
                                              + assignments
                                              + " WHERE sid = ? AND mirrored = 0")
                                      .execute(values.addValue(sid));
                              return WrittenWithTheRow.keyAndEvent(
                                      connection, next, Optional.empty(), now, null, updated)
                                  .replaceWith(
                                      (TransitionOutcome) new TransitionOutcome.Applied(next));
                            })));
  }
}
