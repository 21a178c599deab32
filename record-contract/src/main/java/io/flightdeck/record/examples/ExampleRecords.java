package io.flightdeck.record.examples;

import io.flightdeck.record.CallRecord;
import io.flightdeck.record.CallStatus;
import io.flightdeck.record.MessageRecord;
import io.flightdeck.record.MessageStatus;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.flightdeck.record.sql.ColumnValues;
import io.flightdeck.record.sql.RecordColumns;
import java.time.Instant;
import java.util.Map;

/**
 * Records for tests, in every module: each with fresh Sids, created at the instant given. A full
 * record has every field set to a value of its kind, a sparse one only the fields every record has
 * (identity, status, dates, version), the rest null, as producers may leave them.
 */
public final class ExampleRecords {
  private ExampleRecords() {}

  /** A call with every field set, dated from {@code created} on, at version 5. */
  public static CallRecord fullCall(CallStatus status, Instant created) {
    return new CallRecord(
        Sid.mint(SidKind.CALL).value(),
        Sid.mint(SidKind.ACCOUNT).value(),
        Sid.mint(SidKind.CALL).value(),
        status,
        "outbound-api",
        "+14155550100",
        "+14155550101",
        "(415) 555-0100",
        "(415) 555-0101",
        "Alice",
        "+14155550102",
        "human",
        "PN" + "0".repeat(32),
        "GP" + "0".repeat(32),
        "TK" + "0".repeat(32),
        "1000",
        created.plusSeconds(2),
        created.plusSeconds(62),
        "60",
        "-0.0130",
        "USD",
        created,
        created.plusSeconds(62),
        5);
  }

  /** A call with only the fields every call has, at version 2. */
  public static CallRecord sparseCall(CallStatus status, Instant created) {
    return RecordColumns.CALLS.read(sparse(SidKind.CALL, status.wireName(), created)::get);
  }

  /** A message with every field set, dated from {@code created} on, at version 4. */
  public static MessageRecord fullMessage(MessageStatus status, Instant created) {
    return new MessageRecord(
        Sid.mint(SidKind.MESSAGE).value(),
        Sid.mint(SidKind.ACCOUNT).value(),
        status,
        "outbound-api",
        "+14155550100",
        "+14155550101",
        "hello",
        "MG" + "0".repeat(32),
        "0",
        "2",
        30003,
        "Unreachable handset",
        "-0.0075",
        "USD",
        created.plusSeconds(1),
        created,
        created.plusSeconds(5),
        4);
  }

  /** A message with only the fields every message has, at version 2. */
  public static MessageRecord sparseMessage(MessageStatus status, Instant created) {
    return RecordColumns.MESSAGES.read(sparse(SidKind.MESSAGE, status.wireName(), created)::get);
  }

  /** A row with only the columns every record has; every other column reads as null. */
  private static Map<String, Object> sparse(SidKind kind, String status, Instant created) {
    return Map.of(
        "sid", Sid.mint(kind).value(),
        "account_sid", Sid.mint(SidKind.ACCOUNT).value(),
        "status", status,
        "date_created", ColumnValues.utc(created),
        "date_updated", ColumnValues.utc(created),
        "version", 2L);
  }
}
