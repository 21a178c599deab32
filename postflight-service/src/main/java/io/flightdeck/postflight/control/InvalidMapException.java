package io.flightdeck.postflight.control;

import io.flightdeck.record.InvalidFieldException;
import java.util.List;

/**
 * A map that breaks {@link io.flightdeck.postflight.routing.MapValidation}'s rules; nothing was
 * stored.
 */
public class InvalidMapException extends InvalidFieldException {
  public InvalidMapException(List<String> problems) {
    super(
        "ranges",
        "the map was refused and the one in force is unchanged: " + String.join("; ", problems));
  }
}
