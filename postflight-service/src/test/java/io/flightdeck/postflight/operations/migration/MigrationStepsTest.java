package io.flightdeck.postflight.operations.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MigrationStepsTest {

  @Test
  void aPauseOfNothingOrLessGoesOnAtOnce() {
    // A backfill chunk that took longer than the throttle allows asks for no pause at all.
    assertThat(MigrationSteps.pause(Duration.ZERO).await().atMost(Duration.ofSeconds(1))).isNull();
    assertThat(MigrationSteps.pause(Duration.ofMillis(-5)).await().atMost(Duration.ofSeconds(1)))
        .isNull();
  }

  @Test
  void aPauseWaitsItsTime() {
    long begin = System.nanoTime();
    MigrationSteps.pause(Duration.ofMillis(50)).await().atMost(Duration.ofSeconds(5));
    assertThat(Duration.ofNanos(System.nanoTime() - begin))
        .isGreaterThanOrEqualTo(Duration.ofMillis(50));
  }
}
