package io.flightdeck.postflight.routing;

/**
 * A slice of the unsigned 64-bit keyspace, {@code [start, end)}; {@code end == 0} stands for the
 * end of the keyspace (2^64), so the whole keyspace is {@code [0, 0)} read as "from 0 to the end".
 */
public record KeyRange(long start, long end) {

  public boolean contains(KeyspaceId id) {
    boolean afterStart = Long.compareUnsigned(id.value(), start) >= 0;
    boolean beforeEnd = end == 0 || Long.compareUnsigned(id.value(), end) < 0;
    return afterStart && beforeEnd;
  }

  @Override
  public String toString() {
    return String.format("%016x-%s", start, end == 0 ? "end" : String.format("%016x", end));
  }
}
