package io.flightdeck.postflight.store;

import io.flightdeck.record.CallFilter;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.CallStatus;
import io.flightdeck.record.ListPosition;
import io.flightdeck.record.SidKind;
import io.flightdeck.record.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/**
 * The post-flight calls table of one shard: idempotent upserts, get by Sid, filtered keyset lists.
 */
@Singleton
public class CallStore extends RecordTable<CallRecord> {
  public CallStore(MeterRegistry metrics) {
    super(
        "calls",
        SidKind.CALL,
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
            "version"),
        metrics);
  }

  /**
   * Up to {@code limit} calls of the account that pass the filter, newest first, strictly after
   * {@code after}.
   */
  public Uni<List<CallRecord>> list(
      SqlClient shard,
      String accountSid,
      CallFilter filter,
      Optional<ListPosition> after,
      int limit) {
    return list(shard, query(accountSid, filter, after, limit));
  }

  /** The list request as SQL. */
  ListQuery query(String accountSid, CallFilter filter, Optional<ListPosition> after, int limit) {
    return ListQuery.ofAccount(accountSid)
        .equal("to_address", filter.to())
        .equal("from_address", filter.from())
        .equal("parent_call_sid", filter.parentCallSid())
        .equal("status", filter.status().map(Status::wireName))
        .within("start_time", filter.startTime())
        .within("end_time", filter.endTime())
        .after(after)
        .limit(limit);
  }

  @Override
  protected Object[] values(CallRecord c) {
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
  protected CallRecord read(Row r) {
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
        instant(r.getLocalDateTime("start_time")),
        instant(r.getLocalDateTime("end_time")),
        r.getString("duration"),
        r.getString("price"),
        r.getString("price_unit"),
        instant(r.getLocalDateTime("date_created")),
        instant(r.getLocalDateTime("date_updated")),
        r.getLong("version"));
  }
}
