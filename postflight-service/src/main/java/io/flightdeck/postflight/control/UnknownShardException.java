package io.flightdeck.postflight.control;

/** A shard id the catalogue does not hold (a 404 naming it). */
public class UnknownShardException extends RuntimeException {
  public UnknownShardException(String id) {
    super("shard " + id + " is not in the catalogue");
  }
}
