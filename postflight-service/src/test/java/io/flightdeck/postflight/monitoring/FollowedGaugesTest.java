package io.flightdeck.postflight.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FollowedGaugesTest {
  private final MeterRegistry registry = new SimpleMeterRegistry();
  private final FollowedGauges<String> gauges =
      new FollowedGauges<>(
          registry,
          shard ->
              List.of(
                  Gauge.builder("postflight.shard.up", () -> 1)
                      .tag("shard", shard)
                      .register(registry)));

  @Test
  void aKeyThatAppearsGetsItsGaugeAndAKeyThatGoesLosesIt() {
    gauges.follow(Set.of("shard-0", "shard-1"));
    assertThat(shardsWithAGauge()).containsExactlyInAnyOrder("shard-0", "shard-1");

    gauges.follow(Set.of("shard-1", "shard-2"));
    assertThat(shardsWithAGauge()).containsExactlyInAnyOrder("shard-1", "shard-2");

    gauges.follow(Set.of());
    assertThat(shardsWithAGauge()).isEmpty();
  }

  private List<String> shardsWithAGauge() {
    return registry.find("postflight.shard.up").gauges().stream()
        .map(g -> g.getId().getTag("shard"))
        .toList();
  }
}
