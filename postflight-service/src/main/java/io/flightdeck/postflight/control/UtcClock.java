package io.flightdeck.postflight.control;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The clock every bean of this service reads "now" from: the system's, in UTC. Beans take a {@link
 * Clock} in their one constructor, so that a test builds them with a fixed one (a month of its
 * choosing) and the service with this one, without a second constructor for each.
 */
@Singleton
public class UtcClock {
  @Produces
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }
}
