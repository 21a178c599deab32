package io.flightdeck.inflight.lifecycle;

import io.flightdeck.inflight.outbox.OutboxEvent;
import io.flightdeck.record.LifecycleRecord;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * What a write of a record's row adds in the same transaction: the create's idempotency key and a
 * terminal version's completed-record event. The {@code idempotency_key} and {@code outbox} tables
 * have the same shapes on the in-flight nodes and in the legacy store, so both paths write them
 * here, and a retry or a consumer cannot tell the paths apart.
 */
final class WrittenWithTheRow {
  private WrittenWithTheRow() {}

  /**
   * After {@code written} (the row), the key a create was made with, if any, then the event of a
   * terminal version; {@code traceparent} may be null.
   */
  static Uni<Void> keyAndEvent(
      SqlConnection connection,
      LifecycleRecord record,
      Optional<String> idempotencyKey,
      Instant now,
      String traceparent,
      Uni<?> written) {
    if (idempotencyKey.isPresent()) {
      written = written.chain(() -> key(connection, record, idempotencyKey.get(), now));
    }
    if (record.status().terminal()) {
      written =
          written.chain(
              () ->
                  connection
                      .preparedQuery(
                          "INSERT INTO outbox ("
                              + OutboxEvent.COLUMNS
                              + ", traceparent) VALUES (?, ?, ?, ?, ?, ?)")
                      .execute(OutboxEvent.completed(record, now).addString(traceparent)));
    }
    return written.replaceWithVoid();
  }

  private static Uni<?> key(
      SqlConnection connection, LifecycleRecord record, String idempotencyKey, Instant now) {
    return connection
        .preparedQuery(
            "INSERT INTO idempotency_key (account_sid, idempotency_key, sid, created_at)"
                + " VALUES (?, ?, ?, ?)")
        .execute(
            Tuple.of(
                record.accountSid(),
                idempotencyKey,
                record.sid(),
                LocalDateTime.ofInstant(now, ZoneOffset.UTC)));
  }
}
