package io.flightdeck.aggregator.filters;

import io.flightdeck.record.CallFilter;
import io.flightdeck.record.CallStatus;
import io.flightdeck.record.InvalidFieldException;
import io.flightdeck.record.MessageFilter;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.flightdeck.record.Status;
import io.flightdeck.record.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BinaryOperator;
import java.util.stream.Stream;

/**
 * Twilio's list filters (twilio-api.md §3) read from a public query into the filters the stores
 * share. For a date filter {@code X} ({@code StartTime}, {@code EndTime}, {@code DateSent}):
 *
 * <ul>
 *   <li>{@code X=D}: the whole UTC day of {@code D} (with a time, the day it falls on);
 *   <li>{@code X>=D} (the parameter {@code X>}, or {@code X>=} spelled out): on or after {@code D}
 *       ({@code x >= D}, a day meaning its midnight);
 *   <li>{@code X<=D} (the parameter {@code X<}, or {@code X<=}): strictly before {@code D} ({@code
 *       x < D}). This is Twilio's Calls wording ("before this date"); Messages use it too, so that
 *       {@code X>=D1&X<=D2} are the days from D1 up to, not including, D2 for every list, and
 *       adjacent ranges never overlap;
 *   <li>several of them: all must hold. A record without that date (a call that never started)
 *       matches no date filter.
 * </ul>
 *
 * A malformed value is refused naming the parameter; other parameters are not looked at here.
 */
public final class ListFilters {
  private static final List<String> CALL_FIELDS = List.of("To", "From", "ParentCallSid", "Status");
  private static final List<String> MESSAGE_FIELDS = List.of("To", "From");

  /** Every parameter a call list reads as a filter (and repeats in its page URIs). */
  public static final List<String> CALL_PARAMETERS =
      parameters(CALL_FIELDS, "StartTime", "EndTime");

  /** Every parameter a message list reads as a filter (and repeats in its page URIs). */
  public static final List<String> MESSAGE_PARAMETERS = parameters(MESSAGE_FIELDS, "DateSent");

  private ListFilters() {}

  public static CallFilter calls(PublicQuery query) {
    return new CallFilter(
        query.get("To"),
        query.get("From"),
        query.get("ParentCallSid").map(s -> Sid.parse(SidKind.CALL, "ParentCallSid", s).value()),
        query.get("Status").map(ListFilters::callStatus),
        window(query, "StartTime"),
        window(query, "EndTime"));
  }

  public static MessageFilter messages(PublicQuery query) {
    return new MessageFilter(query.get("To"), query.get("From"), window(query, "DateSent"));
  }

  private static CallStatus callStatus(String text) {
    try {
      return Status.parse(CallStatus.class, "Status", text);
    } catch (InvalidFieldException e) {
      throw new InvalidFieldException("Status", "Status: " + e.getMessage());
    }
  }

  static TimeWindow window(PublicQuery query, String name) {
    Optional<Instant> day = date(query, name).map(FilterDate::dayStart);
    Optional<Instant> from =
        latest(latest(day, bound(query, name + ">")), bound(query, name + ">="));
    Optional<Instant> dayEnd = day.map(d -> d.plus(Duration.ofDays(1)));
    Optional<Instant> before =
        earliest(earliest(dayEnd, bound(query, name + "<")), bound(query, name + "<="));
    return new TimeWindow(from, before);
  }

  private static Optional<Instant> bound(PublicQuery query, String parameter) {
    return date(query, parameter).map(FilterDate::instant);
  }

  private static Optional<FilterDate> date(PublicQuery query, String parameter) {
    return query.get(parameter).map(text -> FilterDate.parse(parameter, text));
  }

  private static Optional<Instant> latest(Optional<Instant> a, Optional<Instant> b) {
    return combine(a, b, (x, y) -> x.isAfter(y) ? x : y);
  }

  private static Optional<Instant> earliest(Optional<Instant> a, Optional<Instant> b) {
    return combine(a, b, (x, y) -> x.isBefore(y) ? x : y);
  }

  private static Optional<Instant> combine(
      Optional<Instant> a, Optional<Instant> b, BinaryOperator<Instant> pick) {
    return Stream.concat(a.stream(), b.stream()).reduce(pick);
  }

  private static List<String> parameters(List<String> fields, String... dates) {
    return Stream.concat(
            fields.stream(),
            Stream.of(dates).flatMap(d -> Stream.of(d, d + "<", d + ">", d + "<=", d + ">=")))
        .toList();
  }
}
