package io.flightdeck.postflight.operations.retirement;

import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A retirement's parameters as stored with the operation: every month before {@code before} is
 * dropped, on every shard. {@code {"before": "2025-03"}} drops 2025-02, 2025-01 and everything
 * older, and keeps 2025-03.
 */
public record Retirement(YearMonth before) {
  private static final Pattern STORED = Pattern.compile("\\{\"before\":\"(\\d{4}-\\d{2})\"}");

  /** The last month dropped. */
  public YearMonth lastRetired() {
    return before.minusMonths(1);
  }

  /** As stored: {@code {"before":"2025-03"}}. */
  String toJson() {
    return "{\"before\":\"" + before + "\"}";
  }

  static Retirement fromJson(String stored) {
    Matcher m = STORED.matcher(stored);
    if (!m.matches()) {
      throw new IllegalStateException("stored retirement parameters unreadable: " + stored);
    }
    return new Retirement(YearMonth.parse(m.group(1)));
  }
}
