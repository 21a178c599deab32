package io.flightdeck.flags.shadow;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Configuration of shadow comparisons ({@code flightdeck.shadow.*}). */
@ConfigMapping(prefix = "flightdeck.shadow")
public interface ShadowConfig {
  /** The share of requests on a shadowing variant whose candidate runs and is compared, 0 to 1. */
  @WithDefault("1.0")
  double sampleRate();

  /** How long a candidate may take; a slower one counts as {@code candidate-timeout}. */
  @WithDefault("2s")
  Duration timeout();

  /** How many of the latest mismatches (and candidate failures) are kept for the admin API. */
  @WithDefault("100")
  int mismatchesKept();
}
