package io.flightdeck.postflight.operations;

/**
 * An operation that cannot start as asked, in the current state of things (a 409 naming the reason
 * and what to do instead); nothing was stored and nothing changed.
 */
public class OperationRefusedException extends RuntimeException {
  public OperationRefusedException(String reason) {
    super(reason);
  }
}
