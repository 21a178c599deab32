package io.flightdeck.postflight.operations.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The backfill's ceiling ({@code rows-per-second}) is over the accounts that copy at once. */
class BackfillRateTest {

  @Test
  void aLoneAccountCopiesAtTheWholeRate() {
    int sharing = Migration.atOnce(4, 1);

    assertThat(sharing).isEqualTo(1);
    assertThat(Backfill.allowed(100, sharing, 400)).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void accountsCopyingAtOnceShareTheRate() {
    assertThat(Migration.atOnce(4, 2)).isEqualTo(2);
    assertThat(Migration.atOnce(4, 10)).isEqualTo(4);
    // Four accounts at once, 100 rows each a second: 400 rows a second together.
    assertThat(Backfill.allowed(100, Migration.atOnce(4, 10), 400))
        .isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aSettingBelowOneStillCopiesOneAccountAtATime() {
    assertThat(Migration.atOnce(0, 3)).isEqualTo(1);
  }
}
