package io.flightdeck.postflight.operations;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long operations are driven ({@code flightdeck.postflight.operations.*}). */
@ConfigMapping(prefix = "flightdeck.postflight.operations")
public interface OperationsConfig {
  /**
   * How often every instance looks for unfinished operations to drive, and renews the leases of
   * those it drives.
   */
  @WithDefault("1s")
  Duration driveInterval();

  /**
   * How long a driver's lease on an operation lasts without renewal: a driver killed mid-step is
   * replaced (the step run again) after this long.
   */
  @WithDefault("30s")
  Duration lease();

  /** How long a step that had to wait (a shard down) waits before it is tried again. */
  @WithDefault("5s")
  Duration retryDelay();
}
