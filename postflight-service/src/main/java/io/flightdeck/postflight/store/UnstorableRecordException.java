package io.flightdeck.postflight.store;

/**
 * A record the shard's tables cannot hold as it is, found before anything was written: a value
 * outside its column's range, or one that cannot be mapped to a column at all. The record is at
 * fault, not the shard: ingest dead-letters it and stores the rest of its batch.
 */
public class UnstorableRecordException extends RuntimeException {
  public UnstorableRecordException(String sid, String reason) {
    super("record " + sid + ": " + reason, null, false, false);
  }
}
