package io.flightdeck.inflight.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class OutboxStateTest {
  @Test
  void anUnmeasuredOutboxSaysSoAndHoldsNothing() {
    OutboxState state = OutboxState.unmeasured(OutboxEvent.LANES);
    assertThat(state.isMeasured()).isFalse();
    assertThat(state.totalDepth()).isZero();
    assertThat(state.oldest()).isEmpty();
  }

  @Test
  void theOutboxIsAsDeepAsItsLanesTogetherAndAsOldAsItsOldestRow() {
    OutboxState state = OutboxState.unmeasured(OutboxEvent.LANES);
    Instant earlier = Instant.parse("2026-01-01T00:00:00Z");
    state.add(3, 2, earlier.plusSeconds(60));
    state.add(7, 5, earlier);
    OutboxState measured = state.measured();

    assertThat(measured.isMeasured()).isTrue();
    assertThat(measured.totalDepth()).isEqualTo(7);
    assertThat(measured.depth(7)).isEqualTo(5);
    assertThat(measured.oldest(0)).isNull();
    assertThat(measured.oldest()).contains(earlier);
  }
}
