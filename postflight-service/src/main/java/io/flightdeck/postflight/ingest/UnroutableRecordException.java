package io.flightdeck.postflight.ingest;

/** A record whose account the write map sends to no known shard; it goes to the dead-letter topic. */
public class UnroutableRecordException extends RuntimeException {
  public UnroutableRecordException(String message) {
    super(message);
  }
}
