package io.flightdeck.postflight.store;

import static io.flightdeck.postflight.store.ServingState.CATCHING_UP;
import static io.flightdeck.postflight.store.ServingState.OUT;
import static io.flightdeck.postflight.store.ServingState.SERVING;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServingStateTest {
  @Test
  void aReplicaComesBackToReadsOnlyThroughCatchingUp() {
    assertThat(OUT.mayMoveTo(CATCHING_UP)).isTrue();
    assertThat(OUT.mayMoveTo(SERVING)).isFalse();
    assertThat(CATCHING_UP.mayMoveTo(SERVING)).isTrue();
  }

  @Test
  void anyReplicaInReadsOrWaitedForMayGoOut() {
    assertThat(SERVING.mayMoveTo(OUT)).isTrue();
    assertThat(CATCHING_UP.mayMoveTo(OUT)).isTrue();
    assertThat(SERVING.mayMoveTo(CATCHING_UP)).isFalse();
  }

  @Test
  void confirmationsWaitForEveryReplicaButAnOutOne() {
    assertThat(OUT.awaited()).isFalse();
    assertThat(CATCHING_UP.awaited()).isTrue();
    assertThat(SERVING.awaited()).isTrue();
  }

  @Test
  void statesAreStoredByTheirWireNames() {
    assertThat(ServingState.parse("catching-up")).contains(CATCHING_UP);
    assertThat(ServingState.parse("serving")).contains(SERVING);
    assertThat(ServingState.parse("out")).contains(OUT);
    assertThat(ServingState.parse("lagging")).isEmpty();
  }
}
