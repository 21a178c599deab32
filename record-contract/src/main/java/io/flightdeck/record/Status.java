package io.flightdeck.record;

/** A status of a record's lifecycle, as named on the wire. */
public interface Status {
  /** The name clients send and see, e.g. {@code in-progress}. */
  String wireName();

  /** Whether a record in this status is finished: it never changes again and moves post-flight. */
  boolean terminal();
}
