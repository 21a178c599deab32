package io.flightdeck.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JVM options a service gets from the environment, beside the launcher's own. */
class QuarkusServiceTest {

  @Test
  void aServiceGetsTheOptionsOfItsOwnVariableSplitAtWhiteSpace() {
    Map<String, String> environment =
        Map.of(
            "FLIGHTDECK_JVM_OPTIONS_AGGREGATOR_LEGACY",
            "  -XX:+UnlockDiagnosticVMOptions \t -XX:+PrintCompilation  -Xmx512m ",
            "FLIGHTDECK_JVM_OPTIONS_AGGREGATOR",
            "-Xmx1g");

    assertThat(QuarkusService.extraJvmOptions("aggregator-legacy", environment::get))
        .containsExactly("-XX:+UnlockDiagnosticVMOptions", "-XX:+PrintCompilation", "-Xmx512m");
    assertThat(QuarkusService.extraJvmOptions("aggregator", environment::get))
        .containsExactly("-Xmx1g");
  }

  @Test
  void anUnsetOrBlankVariableAddsNothing() {
    Map<String, String> environment = Map.of("FLIGHTDECK_JVM_OPTIONS_POSTFLIGHT_SERVICE", "  ");

    assertThat(QuarkusService.extraJvmOptions("postflight-service", environment::get)).isEmpty();
    assertThat(QuarkusService.extraJvmOptions("inflight-service", environment::get)).isEmpty();
  }
}
