package io.flightdeck.aggregator.paging;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightdeck.record.CallRecord;
import io.flightdeck.record.CallStatus;
import io.flightdeck.record.v2010.ListedRecord;
import io.flightdeck.record.v2010.PublicLines;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MergeTest {
  private static final Instant T = Instant.parse("2026-11-23T12:00:00Z");

  static ListedRecord call(String sidSuffix, int secondsAfter, CallStatus status, long version) {
    return PublicLines.listed(record(sidSuffix, secondsAfter, status, version));
  }

  static CallRecord record(String sidSuffix, int secondsAfter, CallStatus status, long version) {
    return new CallRecord(
        "CA" + "0".repeat(32 - sidSuffix.length()) + sidSuffix,
        "AC" + "1".repeat(32),
        null,
        status,
        "outbound-api",
        "+1",
        "+2",
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
        null,
        null,
        null,
        T.plusSeconds(secondsAfter),
        T.plusSeconds(secondsAfter),
        version);
  }

  @Test
  void recordsOfBothStoresInterleaveNewestFirstWithSidBreakingTies() {
    List<ListedRecord> live =
        List.of(call("5", 50, CallStatus.RINGING, 2), call("3", 30, CallStatus.QUEUED, 1));
    List<ListedRecord> finished =
        List.of(call("4", 40, CallStatus.COMPLETED, 4), call("a", 30, CallStatus.COMPLETED, 4));
    Merge.Page page = Merge.page(live, finished, 10);
    assertThat(page.records())
        .extracting(r -> r.sid().substring(33))
        .containsExactly("5", "4", "a", "3");
    assertThat(page.more()).isFalse();
  }

  @Test
  void aRecordInBothStoresAppearsOnceAsItsPostflightCopy() {
    List<ListedRecord> live = List.of(call("7", 70, CallStatus.IN_PROGRESS, 4));
    List<ListedRecord> finished = List.of(call("7", 70, CallStatus.COMPLETED, 5));
    Merge.Page page = Merge.page(live, finished, 10);
    assertThat(page.records()).singleElement().asString().contains("\"status\":\"completed\"");
  }

  @Test
  void anotherPageFollowsExactlyWhenTheUnionHasMoreThanAPage() {
    List<ListedRecord> live =
        List.of(call("9", 90, CallStatus.QUEUED, 1), call("8", 80, CallStatus.QUEUED, 1));
    List<ListedRecord> finished = List.of(call("6", 60, CallStatus.COMPLETED, 4));
    assertThat(Merge.page(live, finished, 2).more()).isTrue();
    assertThat(Merge.page(live, finished, 2).records()).hasSize(2);
    assertThat(Merge.page(live, finished, 3).more()).isFalse();
    assertThat(
            Merge.page(
                    List.of(call("9", 90, CallStatus.COMPLETED, 4)),
                    List.of(call("9", 90, CallStatus.COMPLETED, 4)),
                    1)
                .more())
        .isFalse();
  }
}
