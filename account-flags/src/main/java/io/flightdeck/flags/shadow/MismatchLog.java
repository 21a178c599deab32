package io.flightdeck.flags.shadow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The last {@code capacity} mismatches, newest first. Thread-safe; the oldest is dropped when full.
 */
public final class MismatchLog {
  private final int capacity;
  private final Deque<Mismatch> entries = new ArrayDeque<>();

  public MismatchLog(int capacity) {
    this.capacity = capacity;
  }

  public synchronized void add(Mismatch mismatch) {
    if (capacity <= 0) {
      return;
    }
    if (entries.size() == capacity) {
      entries.removeLast();
    }
    entries.addFirst(mismatch);
  }

  /** Newest first. */
  public synchronized List<Mismatch> latest() {
    return new ArrayList<>(entries);
  }

  public synchronized void clear() {
    entries.clear();
  }
}
