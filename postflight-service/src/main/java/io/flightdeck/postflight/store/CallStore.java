package io.flightdeck.postflight.store;

import io.flightdeck.record.CallRecord;
import io.flightdeck.record.CallStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The post-flight calls table of one shard: idempotent upserts and keyset reads. */
@ApplicationScoped
public class CallStore {
  private static final List<String> COLUMNS =
      List.of(
          "sid", "account_sid", "parent_call_sid", "status", "direction", "from_address", "to_address",
          "from_formatted", "to_formatted", "caller_name", "forwarded_from", "answered_by",
          "phone_number_sid", "group_sid", "trunk_sid", "queue_time", "start_time", "end_time",
          "duration", "price", "price_unit", "date_created", "date_updated", "version");

  /**
   * Inserts the record, or replaces the stored copy only if this one is newer: a repeated or older
   * event changes nothing. {@code version} is assigned last because MariaDB evaluates the
   * assignments in order and the others compare against the stored version.
   */
  private static final String UPSERT =
      "INSERT INTO calls (" + String.join(", ", COLUMNS) + ") VALUES ("
          + COLUMNS.stream().map(c -> "?").collect(Collectors.joining(", "))
          + ") ON DUPLICATE KEY UPDATE "
          + COLUMNS.stream()
              .filter(c -> !c.equals("sid") && !c.equals("account_sid") && !c.equals("date_created") && !c.equals("version"))
              .map(c -> c + " = IF(VALUES(version) > version, VALUES(" + c + "), " + c + ")")
              .collect(Collectors.joining(", "))
          + ", version = GREATEST(version, VALUES(version))";

  private static final String SELECT = "SELECT " + String.join(", ", COLUMNS) + " FROM calls ";

  public Uni<Void> upsert(Pool shard, CallRecord call) {
    return shard.preparedQuery(UPSERT).execute(tuple(call)).replaceWithVoid();
  }

  public Uni<Optional<CallRecord>> find(Pool shard, String accountSid, String sid) {
    return shard
        .preparedQuery(SELECT + "WHERE sid = ? AND account_sid = ?")
        .execute(Tuple.of(sid, accountSid))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(read(rows.iterator().next())));
  }

  /** Up to {@code limit} calls of the account, newest first, strictly after the given position. */
  public Uni<List<CallRecord>> list(Pool shard, String accountSid, Optional<Instant> afterDate, Optional<String> afterSid, int limit) {
    Uni<io.vertx.mutiny.sqlclient.RowSet<Row>> rows =
        afterDate.isEmpty()
            ? shard
                .preparedQuery(SELECT + "WHERE account_sid = ? ORDER BY date_created DESC, sid DESC LIMIT ?")
                .execute(Tuple.of(accountSid, limit))
            : shard
                .preparedQuery(
                    SELECT
                        + "WHERE account_sid = ? AND (date_created < ? OR (date_created = ? AND sid < ?))"
                        + " ORDER BY date_created DESC, sid DESC LIMIT ?")
                .execute(
                    Tuple.of(accountSid, utc(afterDate.get()), utc(afterDate.get()), afterSid.orElseThrow(), limit));
    return rows.map(
        set -> {
          List<CallRecord> calls = new ArrayList<>();
          set.forEach(row -> calls.add(read(row)));
          return calls;
        });
  }

  private static Tuple tuple(CallRecord c) {
    return Tuple.from(
        new Object[] {
          c.sid(), c.accountSid(), c.parentCallSid(), c.status().wireName(), c.direction(), c.from(),
          c.to(), c.fromFormatted(), c.toFormatted(), c.callerName(), c.forwardedFrom(),
          c.answeredBy(), c.phoneNumberSid(), c.groupSid(), c.trunkSid(), c.queueTime(),
          utc(c.startTime()), utc(c.endTime()), c.duration(), c.price(), c.priceUnit(),
          utc(c.dateCreated()), utc(c.dateUpdated()), c.version()
        });
  }

  private static CallRecord read(Row r) {
    return new CallRecord(
        r.getString("sid"), r.getString("account_sid"), r.getString("parent_call_sid"),
        CallStatus.parse(r.getString("status")), r.getString("direction"),
        r.getString("from_address"), r.getString("to_address"), r.getString("from_formatted"),
        r.getString("to_formatted"), r.getString("caller_name"), r.getString("forwarded_from"),
        r.getString("answered_by"), r.getString("phone_number_sid"), r.getString("group_sid"),
        r.getString("trunk_sid"), r.getString("queue_time"), instant(r.getLocalDateTime("start_time")),
        instant(r.getLocalDateTime("end_time")), r.getString("duration"), r.getString("price"),
        r.getString("price_unit"), instant(r.getLocalDateTime("date_created")),
        instant(r.getLocalDateTime("date_updated")), r.getLong("version"));
  }

  /** DATETIME columns hold UTC wall-clock time; the servers run with time zone +00:00 too. */
  private static LocalDateTime utc(Instant instant) {
    return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static Instant instant(LocalDateTime utc) {
    return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
  }
}
