package io.flightdeck.record.sql;

import static io.flightdeck.record.sql.ColumnValues.instant;
import static io.flightdeck.record.sql.ColumnValues.text;
import static io.flightdeck.record.sql.ColumnValues.utc;
import static io.flightdeck.record.sql.ColumnValues.whole;

import io.flightdeck.record.CallFilter;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.CallStatus;
import io.flightdeck.record.Status;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** {@link RecordColumns#CALLS}. */
final class CallColumns implements RecordColumns<CallRecord, CallFilter> {
  private static final List<String> NAMES =
      List.of(
          "sid",
          "account_sid",
          "parent_call_sid",
          "status",
          "direction",
          "from_address",
          "to_address",
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
          "duration",
          "price",
          "price_unit",
          "date_created",
          "date_updated",
          "version");

  @Override
  public List<String> names() {
    return NAMES;
  }

  @Override
  public Object[] values(CallRecord c) {
    return new Object[] {
      c.sid(),
      c.accountSid(),
      c.parentCallSid(),
      c.status().wireName(),
      c.direction(),
      c.from(),
      c.to(),
      c.fromFormatted(),
      c.toFormatted(),
      c.callerName(),
      c.forwardedFrom(),
      c.answeredBy(),
      c.phoneNumberSid(),
      c.groupSid(),
      c.trunkSid(),
      c.queueTime(),
      utc(c.startTime()),
      utc(c.endTime()),
      c.duration(),
      c.price(),
      c.priceUnit(),
      utc(c.dateCreated()),
      utc(c.dateUpdated()),
      c.version()
    };
  }

  @Override
  public CallRecord read(Function<String, Object> r) {
    return new CallRecord(
        text(r, "sid"),
        text(r, "account_sid"),
        text(r, "parent_call_sid"),
        CallStatus.parse(text(r, "status")),
        text(r, "direction"),
        text(r, "from_address"),
        text(r, "to_address"),
        text(r, "from_formatted"),
        text(r, "to_formatted"),
        text(r, "caller_name"),
        text(r, "forwarded_from"),
        text(r, "answered_by"),
        text(r, "phone_number_sid"),
        text(r, "group_sid"),
        text(r, "trunk_sid"),
        text(r, "queue_time"),
        instant(r, "start_time"),
        instant(r, "end_time"),
        text(r, "duration"),
        text(r, "price"),
        text(r, "price_unit"),
        instant(r, "date_created"),
        instant(r, "date_updated"),
        whole(r, "version"));
  }

  @Override
  public ListQuery filtered(ListQuery query, CallFilter filter) {
    return query
        .equal("to_address", filter.to())
        .equal("from_address", filter.from())
        .equal("parent_call_sid", filter.parentCallSid())
        .equal("status", filter.status().map(Status::wireName))
        .within("start_time", filter.startTime())
        .within("end_time", filter.endTime());
  }

  @Override
  public ListQuery filteredBy(ListQuery query, Map<String, String> parameters) {
    return filtered(query, CallFilter.fromQuery(parameters::get));
  }
}
