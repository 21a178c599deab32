package io.flightdeck.postflight.operations.pivot;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How pivots run ({@code flightdeck.postflight.pivot.*}). */
@ConfigMapping(prefix = "flightdeck.postflight.pivot")
public interface PivotConfig {
  /**
   * The MariaDB user a pivot sets {@code read_only} with: it needs the {@code READ_ONLY ADMIN}
   * privilege, which the shards' own (application) user must not hold, or {@code read_only} would
   * not stop its writes. Unset, every pivot's pre-check {@code write-block} fails.
   */
  Optional<String> serverAdminUser();

  /**
   * That user's password. Optional rather than an empty default: SmallRye Config reads an empty
   * default as no value, and the service would not start without the key.
   */
  Optional<String> serverAdminPassword();

  /** How far behind its primary a candidate may be for the pre-check to pass. */
  @WithDefault("1s")
  Duration maxLag();

  /**
   * How long writes may stay blocked while the candidate applies the primary's last writes; past it
   * the pivot gives the writes back to the old primary and fails.
   */
  @WithDefault("10s")
  Duration candidateWait();
}
