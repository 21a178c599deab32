package io.flightdeck.record.v2010;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Dates as Twilio prints them, e.g. {@code Fri, 20 Aug 2010 01:13:42 +0000}: two-digit day, English
 * names, numeric offset. Not {@link DateTimeFormatter#RFC_1123_DATE_TIME}, which prints {@code 5
 * Mar} and {@code GMT}, both of which Twilio's Java library silently reads as null.
 *
 * <p>Every record of every public list page carries up to four such dates, so the years of four
 * digits are printed by hand: {@link DateTimeFormatter} cost a tenth of a list page's time. Other
 * years go through the formatter, which prints them as the pattern says.
 */
public final class Rfc2822 {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US)
          .withZone(ZoneOffset.UTC);
  private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  private static final String[] MONTHS = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };

  private Rfc2822() {}

  public static String format(Instant instant) {
    if (instant == null) {
      return null;
    }
    LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
    if (t.getYear() < 1000 || t.getYear() > 9999) {
      return FORMAT.format(instant);
    }
    StringBuilder out = new StringBuilder(31);
    out.append(DAYS[t.getDayOfWeek().ordinal()]).append(", ");
    twoDigits(out, t.getDayOfMonth()).append(' ');
    out.append(MONTHS[t.getMonthValue() - 1]).append(' ').append(t.getYear()).append(' ');
    twoDigits(out, t.getHour()).append(':');
    twoDigits(out, t.getMinute()).append(':');
    return twoDigits(out, t.getSecond()).append(" +0000").toString();
  }

  private static StringBuilder twoDigits(StringBuilder out, int value) {
    return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }
}
