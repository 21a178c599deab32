package io.flightdeck.postflight.control;

import io.flightdeck.postflight.store.ServerConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Where the control database (shard catalogue and shard maps) is, and how often it is polled. */
@ConfigMapping(prefix = "flightdeck.postflight.control")
public interface ControlConfig extends ServerConfig {
  /** Schema holding the catalogue and the maps (created at first start). */
  @WithDefault("postflight_control")
  String database();

  /**
   * How often every instance looks for new map versions; a change is in force everywhere within
   * this interval plus one query.
   */
  @WithDefault("250ms")
  Duration pollInterval();

  /**
   * How long start-up waits for the control database before it gives up (the service cannot route
   * anything before it has read the catalogue and the maps once).
   */
  @WithDefault("2m")
  Duration startupWait();
}
