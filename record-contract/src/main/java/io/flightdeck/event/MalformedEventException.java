package io.flightdeck.event;

/**
 * An event that cannot be read as its contract says; the message says why, for a dead-letter
 * record.
 */
public class MalformedEventException extends RuntimeException {
  public MalformedEventException(String message, Throwable cause) {
    super(message, cause);
  }
}
