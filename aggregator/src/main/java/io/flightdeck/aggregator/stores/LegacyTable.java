package io.flightdeck.aggregator.stores;

import io.flightdeck.record.CallRecord;
import io.flightdeck.record.CallStatus;
import io.flightdeck.record.MessageRecord;
import io.flightdeck.record.MessageStatus;
import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * How one kind of record lies in the legacy combined store's one table ({@code db/legacy}): the
 * value of its {@code kind} column, its columns, and how a row becomes a record.
 */
public record LegacyTable<R>(String kind, List<String> columns, Function<Row, R> record) {
  private static final List<String> COMMON =
      List.of(
          "sid",
          "account_sid",
          "status",
          "direction",
          "from_address",
          "to_address",
          "price",
          "price_unit",
          "date_created",
          "date_updated",
          "version");

  public static final LegacyTable<CallRecord> CALLS =
      new LegacyTable<>(
          "call",
          with(
              "parent_call_sid",
              "from_formatted",
              "to_formatted",
              "caller_name",
              "forwarded_from",
              "answered_by",
              "phone_number_sid",
              "group_sid",
              "trunk_sid",
              "queue_time",
              "start_time",
              "end_time",
              "duration"),
          LegacyTable::call);
  public static final LegacyTable<MessageRecord> MESSAGES =
      new LegacyTable<>(
          "message",
          with(
              "body",
              "messaging_service_sid",
              "num_media",
              "num_segments",
              "error_code",
              "error_message",
              "date_sent"),
          LegacyTable::message);

  private static List<String> with(String... own) {
    return Stream.concat(COMMON.stream(), Arrays.stream(own)).toList();
  }

  private static CallRecord call(Row r) {
    return new CallRecord(
        r.getString("sid"),
        r.getString("account_sid"),
        r.getString("parent_call_sid"),
        CallStatus.parse(r.getString("status")),
        r.getString("direction"),
        r.getString("from_address"),
        r.getString("to_address"),
        r.getString("from_formatted"),
        r.getString("to_formatted"),
        r.getString("caller_name"),
        r.getString("forwarded_from"),
        r.getString("answered_by"),
        r.getString("phone_number_sid"),
        r.getString("group_sid"),
        r.getString("trunk_sid"),
        r.getString("queue_time"),
        instant(r, "start_time"),
        instant(r, "end_time"),
        r.getString("duration"),
        r.getString("price"),
        r.getString("price_unit"),
        instant(r, "date_created"),
        instant(r, "date_updated"),
        r.getLong("version"));
  }

  private static MessageRecord message(Row r) {
    return new MessageRecord(
        r.getString("sid"),
        r.getString("account_sid"),
        MessageStatus.parse(r.getString("status")),
        r.getString("direction"),
        r.getString("from_address"),
        r.getString("to_address"),
        r.getString("body"),
        r.getString("messaging_service_sid"),
        r.getString("num_media"),
        r.getString("num_segments"),
        r.getInteger("error_code"),
        r.getString("error_message"),
        r.getString("price"),
        r.getString("price_unit"),
        instant(r, "date_sent"),
        instant(r, "date_created"),
        instant(r, "date_updated"),
        r.getLong("version"));
  }

  /** DATETIME columns hold UTC wall-clock time. */
  private static Instant instant(Row row, String column) {
    LocalDateTime utc = row.getLocalDateTime(column);
    return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
  }

  static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
