package io.flightdeck.postflight.operations.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightdeck.postflight.TestRecords;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.CallStatus;
import io.flightdeck.record.MessageRecord;
import io.flightdeck.record.sql.RecordColumns;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How verify and watch judge a record against its copy: its public fields, never its version. */
class RecordDifferenceTest {
  private static final Instant CREATED = Instant.parse("2026-10-01T12:00:00Z");
  private final String account = TestRecords.newAccount();

  @Test
  void anEqualCopyIsNoDifferenceWhateverItsVersion() {
    CallRecord call = TestRecords.call(account, CallStatus.COMPLETED, CREATED, 3);
    CallRecord copy = RecordColumns.CALLS.with(call, Map.of("version", 9L));
    assertThat(RecordDifference.of(call, call)).isEmpty();
    assertThat(RecordDifference.of(call, copy)).isEmpty();
  }

  @Test
  void aCopyThatDiffersNamesEveryPublicFieldThatDiffers() {
    CallRecord call = TestRecords.call(account, CallStatus.COMPLETED, CREATED, 3);
    CallRecord copy =
        RecordColumns.CALLS.with(
            call, Map.of("to_address", "+14155550999", "status", "busy", "version", 4L));
    assertThat(RecordDifference.of(call, copy))
        .contains(new RecordDifference(call.sid(), java.util.List.of("status", "to_address")));
  }

  @Test
  void aMissingCopyIsNamedMissing() {
    MessageRecord message =
        TestRecords.message(account, "+14155550100", "+14155550101", "hi", CREATED, CREATED, 2);
    assertThat(RecordDifference.of(message, null))
        .contains(new RecordDifference(message.sid(), java.util.List.of("missing")));
  }
}
