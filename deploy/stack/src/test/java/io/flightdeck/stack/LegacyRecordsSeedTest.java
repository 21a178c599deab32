package io.flightdeck.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.flightdeck.legacy.LegacyTable;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.CallStatus;
import io.flightdeck.record.FieldLimits;
import io.flightdeck.record.Lifecycle;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.MessageRecord;
import io.flightdeck.record.MessageStatus;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.flightdeck.record.Status;
import io.flightdeck.record.v2010.PublicLines;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LegacyRecordsSeedTest {
  private static final String ACCOUNT = Sid.mint(SidKind.ACCOUNT).value();
  private static final Instant NOW = Instant.parse("2026-12-04T06:00:00Z");
  private static final List<LifecycleRecord> RECORDS =
      new LegacyRecordsSeed(new SplittableRandom(14), NOW).account(ACCOUNT, 2_000);

  @Test
  void anAccountHasItsFinishedRecordsAndOneLiveRecordInTwoHundred() {
    assertThat(RECORDS).hasSize(2_000 + 10);
    assertThat(RECORDS.stream().filter(r -> r.status().terminal())).hasSize(2_000);
    assertThat(RECORDS).allSatisfy(r -> assertThat(r.accountSid()).isEqualTo(ACCOUNT));
    assertThat(LegacyRecordsSeed.liveCount(0)).isEqualTo(1);
    assertThat(LegacyRecordsSeed.liveCount(199)).isEqualTo(1);
    assertThat(LegacyRecordsSeed.liveCount(10_000)).isEqualTo(50);
    assertThat(new LegacyRecordsSeed(new SplittableRandom(), NOW).account(ACCOUNT, 0))
        .singleElement()
        .satisfies(r -> assertThat(r.status().terminal()).isFalse());
  }

  @Test
  void callsAndMessagesEachHaveValidUniqueSidsOfTheirKind() {
    Set<String> sids = new HashSet<>();
    for (LifecycleRecord record : RECORDS) {
      assertThat(sids.add(record.sid())).as("unique %s", record.sid()).isTrue();
      assertThatCode(() -> new Sid(record.kind().sidKind(), record.sid()))
          .doesNotThrowAnyException();
    }
    assertThat(RECORDS).hasAtLeastOneElementOfType(CallRecord.class);
    assertThat(RECORDS).hasAtLeastOneElementOfType(MessageRecord.class);
    assertThat(RECORDS.stream().filter(r -> r.sid().startsWith("CA")))
        .allSatisfy(r -> assertThat(r).isInstanceOf(CallRecord.class));
  }

  @Test
  void everyRecordFitsEveryStoreAndThePublicApiShowsIt() {
    for (LifecycleRecord record : RECORDS) {
      assertThatCode(() -> FieldLimits.check(record)).as(record.sid()).doesNotThrowAnyException();
      assertThat(PublicLines.unshowable(record)).as(record.sid()).isEmpty();
    }
  }

  @Test
  void finishedRecordsSpreadOverTheLastMonthsOldestFirstAndLiveOnesAreRecent() {
    Instant oldest = NOW.minus(LegacyRecordsSeed.SPREAD);
    Instant months = NOW.minus(LegacyRecordsSeed.SPREAD.dividedBy(2));
    for (LifecycleRecord record : RECORDS) {
      Instant created = record.dateCreated();
      assertThat(record.dateUpdated()).as(record.sid()).isAfterOrEqualTo(created).isBefore(NOW);
      if (record.status().terminal()) {
        assertThat(created).isAfterOrEqualTo(oldest).isBefore(NOW.minusSeconds(3_600));
      } else {
        assertThat(created).isAfterOrEqualTo(NOW.minus(LegacyRecordsSeed.LIVE_WITHIN));
      }
    }
    assertThat(RECORDS).isSortedAccordingTo(Comparator.comparing(LifecycleRecord::dateCreated));
    assertThat(RECORDS.stream().filter(r -> r.dateCreated().isBefore(months)))
        .hasSizeGreaterThan(500);
    assertThat(RECORDS.stream().filter(r -> r.dateCreated().isAfter(months)))
        .hasSizeGreaterThan(500);
  }

  @Test
  void callTimesFollowTheirStatus() {
    for (LifecycleRecord record : RECORDS) {
      if (record instanceof CallRecord call && call.status() == CallStatus.COMPLETED) {
        assertThat(call.startTime()).isAfter(call.dateCreated());
        assertThat(call.endTime())
            .isEqualTo(call.startTime().plusSeconds(Long.parseLong(call.duration())));
        assertThat(call.dateUpdated()).isAfterOrEqualTo(call.endTime());
      } else if (record instanceof CallRecord call && !call.status().terminal()) {
        assertThat(call.endTime()).isNull();
        assertThat(call.duration()).isNull();
      }
    }
  }

  @Test
  void everyStatusIsReachedByALegalPathWhoseLengthIsTheVersion() {
    assertLegal(LegacyRecordsSeed.CALL_PATHS, CallStatus.LIFECYCLE);
    assertLegal(LegacyRecordsSeed.MESSAGE_PATHS, MessageStatus.LIFECYCLE);
    for (LifecycleRecord record : RECORDS) {
      List<? extends Status> path =
          record instanceof CallRecord call
              ? LegacyRecordsSeed.CALL_PATHS.get(call.status())
              : LegacyRecordsSeed.MESSAGE_PATHS.get(((MessageRecord) record).status());
      assertThat(record.version()).as(record.sid()).isEqualTo(path.size());
    }
    assertThat(RECORDS.stream().filter(r -> r.version() == 1)).isNotEmpty();
  }

  @Test
  void aStatementInsertsWholeRowsOfTheKindsColumns() {
    String sql = LegacyRows.sql(LegacyTable.MESSAGES, 3);
    int columns = LegacyTable.MESSAGES.columns().names().size() + 2;
    assertThat(sql).startsWith("INSERT INTO records (kind, mirrored, sid, account_sid, ");
    assertThat(sql.chars().filter(c -> c == '?')).hasSize(3 * columns);
  }

  private static <S extends Enum<S> & Status> void assertLegal(
      Map<S, List<S>> paths, Lifecycle<S> lifecycle) {
    paths.forEach(
        (status, path) -> {
          assertThat(path.get(path.size() - 1)).isEqualTo(status);
          for (int i = 1; i < path.size(); i++) {
            assertThat(lifecycle.decide(path.get(i - 1), path.get(i)))
                .as("%s to %s", path.get(i - 1), path.get(i))
                .isInstanceOf(Lifecycle.Decision.Apply.class);
          }
        });
  }
}
