package io.flightdeck.inflight.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the outbox relay. */
@ConfigMapping(prefix = "flightdeck.outbox")
public interface OutboxConfig {
  /** How many outbox rows one relay transaction publishes at most. */
  @WithDefault("500")
  int batchSize();

  /** How often the relay looks for new rows when the outbox was empty (a duration, e.g. 0.2s). */
  @WithDefault("0.2s")
  String pollInterval();
}
