package io.flightdeck.aggregator.filters;

import static java.time.temporal.ChronoField.HOUR_OF_DAY;
import static java.time.temporal.ChronoField.MINUTE_OF_HOUR;
import static java.time.temporal.ChronoField.NANO_OF_SECOND;
import static java.time.temporal.ChronoField.SECOND_OF_MINUTE;

import io.flightdeck.record.InvalidFieldException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A date given to a list filter, in any of the forms Twilio's clients and documentation use. A form
 * without a zone is UTC ("GMT" in Twilio's words):
 *
 * <ul>
 *   <li>{@code 2024-03-09}: a day, from its midnight;
 *   <li>{@code 2024-03-09T10:00:00} (twilio-java's form), also with a space for the {@code T},
 *       without seconds, with a fraction, or with {@code Z} or an offset;
 *   <li>RFC 2822, as Twilio prints dates: {@code Sat, 09 Mar 2024 10:00:00 +0000} (or {@code GMT});
 *   <li>US style, seen in Twilio's own examples: {@code 03/09/2024}, {@code 03/09/2024 10:00:00
 *       MST}.
 * </ul>
 *
 * @param instant the moment written (a day: its midnight, UTC)
 */
record FilterDate(Instant instant) {
  private static final DateTimeFormatter ISO =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .appendLiteral('T')
          .appendValue(HOUR_OF_DAY, 2)
          .appendLiteral(':')
          .appendValue(MINUTE_OF_HOUR, 2)
          .optionalStart()
          .appendLiteral(':')
          .appendValue(SECOND_OF_MINUTE, 2)
          .optionalStart()
          .appendFraction(NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .toFormatter(Locale.US);
  private static final DateTimeFormatter US =
      DateTimeFormatter.ofPattern("MM/dd/yyyy[ HH:mm[:ss]][ z]", Locale.US);
  private static final List<Function<String, Instant>> FORMS =
      List.of(
          text -> LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant(),
          text -> utc(ISO.parseBest(isoWithT(text), OffsetDateTime::from, LocalDateTime::from)),
          text -> ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant(),
          text ->
              utc(US.parseBest(text, ZonedDateTime::from, LocalDateTime::from, LocalDate::from)));

  /**
   * Reads the value of the filter parameter {@code parameter}.
   *
   * @throws InvalidFieldException naming the parameter and the forms it takes
   */
  static FilterDate parse(String parameter, String text) {
    String trimmed = text.strip();
    for (Function<String, Instant> form : FORMS) {
      try {
        return new FilterDate(form.apply(trimmed));
      } catch (DateTimeParseException e) {
        // not this form; try the next
      }
    }
    throw new InvalidFieldException(
        parameter,
        "%s must be a date like 2024-03-09 or a UTC date and time like 2024-03-09T10:00:00, got '%s'"
            .formatted(
                parameter, trimmed.length() <= 40 ? trimmed : trimmed.substring(0, 40) + "…"));
  }

  /** The UTC day this date falls on, as a window start: its midnight. */
  Instant dayStart() {
    return instant.atOffset(ZoneOffset.UTC).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  private static String isoWithT(String text) {
    return text.length() > 10 && text.charAt(10) == ' '
        ? text.substring(0, 10) + 'T' + text.substring(11)
        : text;
  }

  private static Instant utc(TemporalAccessor parsed) {
    if (parsed instanceof ZonedDateTime zoned) {
      return zoned.toInstant();
    }
    if (parsed instanceof OffsetDateTime offset) {
      return offset.toInstant();
    }
    if (parsed instanceof LocalDateTime local) {
      return local.toInstant(ZoneOffset.UTC);
    }
    return LocalDate.from(parsed).atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
