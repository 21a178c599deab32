package io.flightdeck.postflight;

import io.flightdeck.record.CallRecord;
import io.flightdeck.record.CallStatus;
import io.flightdeck.record.MessageRecord;
import io.flightdeck.record.MessageStatus;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import java.time.Instant;

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

  public static CallRecord withTimes(CallRecord c, Instant startTime, Instant endTime) {
    return new CallRecord(
        c.sid(),
        c.accountSid(),
        c.parentCallSid(),
        c.status(),
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
        startTime,
        endTime,
        c.duration(),
        c.price(),
        c.priceUnit(),
        c.dateCreated(),
        c.dateUpdated(),
        c.version());
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
