package io.flightdeck.postflight.routing;

/**
 * A slice of the unsigned 64-bit keyspace, {@code [start, end)}; {@code end == 0} stands for the
 * end of the keyspace (2^64), so the whole keyspace is {@code [0, 0)} read as "from 0 to the end".
 * Written {@code start-end} in hex, with {@code end} for the end of the keyspace.
 */
public record KeyRange(long start, long end) {

  public boolean contains(KeyspaceId id) {
    boolean afterStart = Long.compareUnsigned(id.value(), start) >= 0;
    boolean beforeEnd = end == 0 || Long.compareUnsigned(id.value(), end) < 0;
    return afterStart && beforeEnd;
  }

  /** Whether the range runs to the end of the keyspace. */
  public boolean toEnd() {
    return end == 0;
  }

  /** Whether the range holds no id at all (its end is not above its start). */
  public boolean isEmpty() {
    return !toEnd() && Long.compareUnsigned(end, start) <= 0;
  }

  /** The end as written: 16 hex digits, or empty for the end of the keyspace. */
  public String endText() {
    return toEnd() ? "end" : String.format("%016x", end);
  }

  @Override
  public String toString() {
    return String.format("%016x-%s", start, endText());
  }
}
