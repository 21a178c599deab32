package io.flightdeck.postflight;

import io.flightdeck.record.CallRecord;
import io.flightdeck.record.CallStatus;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.MessageRecord;
import io.flightdeck.record.MessageStatus;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.flightdeck.record.sql.ColumnValues;
import io.flightdeck.record.sql.RecordColumns;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Finished records for tests: the fields a test cares about, plausible values for the rest. */
public final class TestRecords {
  private TestRecords() {}

  public static String newAccount() {
    return Sid.mint(SidKind.ACCOUNT).value();
  }

  public static CallRecord call(
      String account, CallStatus status, Instant dateCreated, long version) {
    return call(
        account,
        Sid.mint(SidKind.CALL).value(),
        status,
        "+14155550100",
        "+14155550101",
        null,
        null,
        dateCreated,
        version);
  }

  /** A call; its start and end times are left out (null). */
  public static CallRecord call(
      String account,
      String sid,
      CallStatus status,
      String from,
      String to,
      String parentCallSid,
      String duration,
      Instant dateCreated,
      long version) {
    return new CallRecord(
        sid,
        account,
        parentCallSid,
        status,
        "outbound-api",
        from,
        to,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        duration,
        null,
        null,
        dateCreated,
        dateCreated.plusSeconds(60),
        version);
  }

  /**
   * {@code count} finished records of the accounts in turn, completed calls and delivered messages
   * alternately, at version 3; the i-th created {@code i} milliseconds after {@code created}.
   */
  public static List<LifecycleRecord> callsAndMessages(
      List<String> accounts, int count, Instant created) {
    List<LifecycleRecord> records = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String account = accounts.get(i % accounts.size());
      records.add(
          i % 2 == 0
              ? call(account, CallStatus.COMPLETED, created.plusMillis(i), 3)
              : message(
                  account,
                  "+14155550100",
                  "+14155550101",
                  "m" + i,
                  created,
                  created.plusMillis(i),
                  3));
    }
    return records;
  }

  public static CallRecord withTimes(CallRecord c, Instant startTime, Instant endTime) {
    Map<String, Object> times = new HashMap<>();
    times.put("start_time", ColumnValues.utc(startTime));
    times.put("end_time", ColumnValues.utc(endTime));
    return RecordColumns.CALLS.with(c, times);
  }

  public static MessageRecord message(
      String account,
      String from,
      String to,
      String body,
      Instant dateSent,
      Instant dateCreated,
      long version) {
    return message(
        account, Sid.mint(SidKind.MESSAGE).value(), from, to, body, dateSent, dateCreated, version);
  }

  public static MessageRecord message(
      String account,
      String sid,
      String from,
      String to,
      String body,
      Instant dateSent,
      Instant dateCreated,
      long version) {
    return new MessageRecord(
        sid,
        account,
        MessageStatus.DELIVERED,
        "outbound-api",
        from,
        to,
        body,
        null,
        "0",
        "1",
        null,
        null,
        "-0.00750",
        "USD",
        dateSent,
        dateCreated,
        dateCreated.plusSeconds(5),
        version);
  }
}
