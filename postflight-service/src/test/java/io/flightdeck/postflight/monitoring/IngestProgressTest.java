package io.flightdeck.postflight.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IngestProgressTest {
  private static final Instant T0 = Instant.parse("2026-12-03T07:00:00Z");
  private static final Duration AFTER = Duration.ofMinutes(5);

  @Test
  void eventsWaitingWhileNothingIsSettledStallOnceTheThresholdHasPassed() {
    IngestProgress progress =
        IngestProgress.unmeasured(T0).observe(T0, 0, 10).observe(T0.plusSeconds(5), 40, 10);

    assertThat(progress.stalled(T0.plus(AFTER), AFTER)).isFalse();
    assertThat(progress.withoutProgress(T0.plusSeconds(306)))
        .as("counted from the last measurement that saw nothing waiting")
        .isEqualTo(Duration.ofSeconds(306));
    assertThat(progress.stalled(T0.plusSeconds(306), AFTER)).isTrue();
  }

  @Test
  void aGrowingSettledCountKeepsIngestFlowingWhateverTheBacklog() {
    IngestProgress progress = IngestProgress.unmeasured(T0).observe(T0, 1_000, 10);
    for (int minute = 1; minute <= 10; minute++) {
      progress = progress.observe(T0.plusSeconds(60L * minute), 1_000, 10 + minute);
    }

    assertThat(progress.withoutProgress(T0.plusSeconds(600))).isZero();
    assertThat(progress.stalled(T0.plusSeconds(600), AFTER)).isFalse();
  }

  @Test
  void nothingWaitingIsIdleNotStalledAndALaterArrivalStartsTheClockAfresh() {
    IngestProgress idle = IngestProgress.unmeasured(T0).observe(T0, 0, 10);
    IngestProgress quietHour = idle.observe(T0.plusSeconds(3_600), 0, 10);
    assertThat(quietHour.stalled(T0.plusSeconds(3_600), AFTER)).isFalse();

    IngestProgress arrival = quietHour.observe(T0.plusSeconds(3_605), 3, 10);
    assertThat(arrival.withoutProgress(T0.plusSeconds(3_605)))
        .as("the events arrived after the last calm measurement, not an hour ago")
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(arrival.stalled(T0.plusSeconds(3_605), AFTER)).isFalse();
  }

  @Test
  void beforeAnyMeasurementNothingIsStalled() {
    IngestProgress unmeasured = IngestProgress.unmeasured(T0);

    assertThat(unmeasured.withoutProgress(T0.plus(Duration.ofDays(1)))).isZero();
    assertThat(unmeasured.stalled(T0.plus(Duration.ofDays(1)), AFTER)).isFalse();
  }
}
