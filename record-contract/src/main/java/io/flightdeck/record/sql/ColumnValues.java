package io.flightdeck.record.sql;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.function.Function;

/**
 * A column's value as the record wants it, from what a driver decodes: any value reads as text (a
 * driver may hand a TEXT column over as bytes, whose {@code toString} is the text), numbers as the
 * record's number, DATETIME as an instant. DATETIME columns hold UTC wall-clock time; the servers
 * run with time zone +00:00 too.
 */
public final class ColumnValues {
  private ColumnValues() {}

  /** The instant as a DATETIME column holds it. */
  public static LocalDateTime utc(Instant instant) {
    return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /** The instant a DATETIME column holds. */
  public static Instant instant(LocalDateTime utc) {
    return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
  }

  static String text(Function<String, Object> row, String column) {
    Object value = row.apply(column);
    return value == null ? null : value.toString();
  }

  static Integer integer(Function<String, Object> row, String column) {
    Object value = row.apply(column);
    return value == null ? null : ((Number) value).intValue();
  }

  static long whole(Function<String, Object> row, String column) {
    return ((Number) row.apply(column)).longValue();
  }

  static Instant instant(Function<String, Object> row, String column) {
    return instant((LocalDateTime) row.apply(column));
  }
}
