package io.flightdeck.postflight.operations.retirement;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Where inflight-service answers which records are still in flight ({@code
 * flightdeck.postflight.inflight.*}).
 */
@ConfigMapping(prefix = "flightdeck.postflight.inflight")
public interface InflightConfig {
  /** inflight-service's base URL, e.g. {@code http://127.0.0.1:8081}. */
  String url();

  /** How long to wait for its answer. */
  @WithDefault("5s")
  Duration timeout();
}
