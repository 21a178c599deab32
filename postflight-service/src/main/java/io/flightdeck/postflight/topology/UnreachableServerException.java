package io.flightdeck.postflight.topology;

import io.flightdeck.postflight.store.DatabaseServer;

/** A server of the topology did not answer. */
public class UnreachableServerException extends RuntimeException {
  public UnreachableServerException(DatabaseServer server, String why) {
    super("%s cannot be reached: %s".formatted(server, why));
  }
}
