package io.flightdeck.postflight.operations.retirement;

/**
 * In-flight could not say which months still hold live records: nothing may be retired meanwhile (a
 * 503).
 */
public class LiveRecordsUnknownException extends RuntimeException {
  public LiveRecordsUnknownException(String message, Throwable cause) {
    super(message, cause);
  }
}
