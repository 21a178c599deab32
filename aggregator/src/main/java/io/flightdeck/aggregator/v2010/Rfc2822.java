package io.flightdeck.aggregator.v2010;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Dates as Twilio prints them, e.g. {@code Fri, 20 Aug 2010 01:13:42 +0000}: two-digit day, English
 * names, numeric offset. Not {@link DateTimeFormatter#RFC_1123_DATE_TIME}, which prints {@code 5
 * Mar} and {@code GMT}, both of which Twilio's Java library silently reads as null.
 */
public final class Rfc2822 {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US)
          .withZone(ZoneOffset.UTC);

  private Rfc2822() {}

  public static String format(Instant instant) {
    return instant == null ? null : FORMAT.format(instant);
  }
}
