package io.flightdeck.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JVM options a JVM server gets from the environment, beside the launcher's own. */
class JvmOptionsTest {

  @Test
  void aServerGetsTheOptionsOfItsOwnVariableSplitAtWhiteSpace() {
    Map<String, String> environment =
        Map.of(
            "FLIGHTDECK_JVM_OPTIONS_AGGREGATOR_LEGACY",
            "  -XX:+UnlockDiagnosticVMOptions \t -XX:+PrintCompilation  -Xmx512m ",
            "FLIGHTDECK_JVM_OPTIONS_AGGREGATOR",
            "-Xmx1g");

    assertThat(Launch.extraJvmOptions("aggregator-legacy", environment::get))
        .containsExactly("-XX:+UnlockDiagnosticVMOptions", "-XX:+PrintCompilation", "-Xmx512m");
    assertThat(Launch.extraJvmOptions("aggregator", environment::get)).containsExactly("-Xmx1g");
  }

  @Test
  void everyServerGetsTheSharedOptionsBeforeItsOwn() {
    Map<String, String> environment =
        Map.of(
            "FLIGHTDECK_JVM_OPTIONS",
            "-XX:TieredStopAtLevel=1",
            "FLIGHTDECK_JVM_OPTIONS_KAFKA",
            "-Xmx1g -XX:TieredStopAtLevel=4");

    assertThat(Launch.extraJvmOptions("kafka", environment::get))
        .containsExactly("-XX:TieredStopAtLevel=1", "-Xmx1g", "-XX:TieredStopAtLevel=4");
    assertThat(Launch.extraJvmOptions("postflight-service", environment::get))
        .containsExactly("-XX:TieredStopAtLevel=1");
  }

  @Test
  void anUnsetOrBlankVariableAddsNothing() {
    Map<String, String> environment =
        Map.of("FLIGHTDECK_JVM_OPTIONS_POSTFLIGHT_SERVICE", "  ", "FLIGHTDECK_JVM_OPTIONS", "");

    assertThat(Launch.extraJvmOptions("postflight-service", environment::get)).isEmpty();
    assertThat(Launch.extraJvmOptions("inflight-service", environment::get)).isEmpty();
  }
}
