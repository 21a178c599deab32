package io.flightdeck.aggregator.readpath;

import io.flightdeck.aggregator.paging.Merge;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.MessageRecord;
import java.util.List;
import java.util.Optional;

/**
 * What a shadow comparison compares: the answers of the two read paths without the fields that may
 * legitimately differ between the legacy store and the split stores for the same record:
 *
 * <ul>
 *   <li>{@code version}: each store counts the writes it received (internal; not in the public
 *       API);
 *   <li>{@code date_updated}: stamped by each store's writer when it applied the record.
 * </ul>
 *
 * Everything else a client sees (every other field, the order, which records, whether another page
 * follows) must be equal. Page tokens need no normalizing: they are computed from the page's last
 * record by the same code whichever path served.
 */
final class Normalized {
  private Normalized() {}

  /** A list page as compared. */
  record Page(List<LifecycleRecord> records, boolean more) {}

  static Page page(Merge.Page<? extends LifecycleRecord> page) {
    return new Page(page.records().stream().map(Normalized::record).toList(), page.more());
  }

  static Optional<LifecycleRecord> found(Optional<? extends LifecycleRecord> record) {
    return record.map(Normalized::record);
  }

  static LifecycleRecord record(LifecycleRecord record) {
    if (record instanceof CallRecord c) {
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
          c.startTime(),
          c.endTime(),
          c.duration(),
          c.price(),
          c.priceUnit(),
          c.dateCreated(),
          null,
          0);
    }
    MessageRecord m = (MessageRecord) record;
    return new MessageRecord(
        m.sid(),
        m.accountSid(),
        m.status(),
        m.direction(),
        m.from(),
        m.to(),
        m.body(),
        m.messagingServiceSid(),
        m.numMedia(),
        m.numSegments(),
        m.errorCode(),
        m.errorMessage(),
        m.price(),
        m.priceUnit(),
        m.dateSent(),
        m.dateCreated(),
        null,
        0);
  }
}
