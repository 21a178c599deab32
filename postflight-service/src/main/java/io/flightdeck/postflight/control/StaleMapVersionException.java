package io.flightdeck.postflight.control;

import io.flightdeck.postflight.routing.MapKind;

/**
 * A map change based on a version that is no longer the latest: someone else changed the map first.
 */
public class StaleMapVersionException extends RuntimeException {
  public StaleMapVersionException(MapKind kind, long basedOn, long latest) {
    super(
        "the %s map is at version %d, not %d: read it again and base the change on version %d"
            .formatted(kind, latest, basedOn, latest));
  }
}
