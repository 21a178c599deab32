package io.flightdeck.billing;

import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import java.time.Instant;

/**
 * What a completed record must carry to be charged: its Sid and its account's (the ledger's key and
 * the total it grows), a terminal status (what the tariff rates) and the time it finished (the day
 * it is charged to, which a DATE column holds).
 */
final class Chargeable {
  private static final Instant EARLIEST_DAY = Instant.parse("1000-01-01T00:00:00Z");
  private static final Instant LATEST_DAY = Instant.parse("9999-12-31T23:59:59.999999999Z");

  private Chargeable() {}

  /**
   * @throws IllegalArgumentException naming what the record lacks
   */
  static void check(LifecycleRecord record) {
    Sid.parse(record.kind().sidKind(), "sid", record.sid());
    Sid.parse(SidKind.ACCOUNT, "account_sid", record.accountSid());
    if (record.status() == null) {
      throw new IllegalArgumentException("status is missing");
    }
    if (!record.status().terminal()) {
      throw new IllegalArgumentException(
          "status '" + record.status().wireName() + "' is not final");
    }
    Instant finished = record.dateUpdated();
    if (finished == null) {
      throw new IllegalArgumentException("date_updated (when the record finished) is missing");
    }
    if (finished.isBefore(EARLIEST_DAY) || finished.isAfter(LATEST_DAY)) {
      throw new IllegalArgumentException(
          "date_updated " + finished + " is outside the years 1000 to 9999");
    }
  }
}
