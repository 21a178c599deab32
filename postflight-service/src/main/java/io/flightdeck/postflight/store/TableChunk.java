package io.flightdeck.postflight.store;

import java.util.List;

/**
 * A chunk of a record table read by ascending id ({@link RecordTable#chunkAfter}): its records, the
 * last id looked at, and how many rows it read (0: the table ends there).
 */
public record TableChunk<R>(List<R> records, long lastId, int rows) {
  public TableChunk {
    records = List.copyOf(records);
  }
}
