package io.flightdeck.flags.shadow;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Configuration of shadow comparisons ({@code flightdeck.shadow.*}). */
@ConfigMapping(prefix = "flightdeck.shadow")
public interface ShadowConfig {
  /**
   * The share of requests on a shadowing variant whose candidate runs and is compared, 0 to 1. A
   * tenth finds a path's differences within minutes on any account with traffic, at a tenth of the
   * candidate's cost.
   */
  @WithDefault("0.1")
  double sampleRate();

  /**
   * How many candidates may start in a second, in this process; a sampled request beyond that skips
   * its comparison (counted as {@code over-budget}). This bounds shadowing's cost whatever the
   * traffic. A split-path candidate taken this rarely costs tens of ms of processor over the whole
   * platform (two services, two databases, code that stays cold: benchmarks/README.md): on a
   * saturated 2-core machine 5 a second made the served p50 3-7 % slower, one a second no slower
   * than shadowing with no candidate at all, and one a second still compares 3,600 requests an
   * hour. Raise it on larger machines: candidates a second × ~30 ms is the processor it takes.
   */
  @WithDefault("1")
  int maxPerSecond();

  /**
   * How many candidates may run at once. A sampled request beyond that skips its comparison
   * (counted as {@code skipped}): at saturation shadowing sheds its own work instead of queueing it
   * beside the served path's.
   */
  @WithDefault("4")
  int maxInFlight();

  /** How long a candidate may take; a slower one counts as {@code candidate-timeout}. */
  @WithDefault("2s")
  Duration timeout();

  /** How many of the latest mismatches (and candidate failures) are kept for the admin API. */
  @WithDefault("100")
  int mismatchesKept();
}
