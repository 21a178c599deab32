package io.flightdeck.record;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A half-open span of time, {@code from <= t < before}; either end may be open. List filters on
 * dates ({@code StartTime}, {@code EndTime}, {@code DateSent}) are windows: the aggregator turns
 * Twilio's date forms into one, and the stores receive it as two ISO-8601 instants, {@code
 * <Name>From} and {@code <Name>Before}.
 */
public record TimeWindow(Optional<Instant> from, Optional<Instant> before) {
  public static final TimeWindow ALWAYS = new TimeWindow(Optional.empty(), Optional.empty());

  public boolean isAlways() {
    return from.isEmpty() && before.isEmpty();
  }

  /** Whether {@code t} lies in the window; an absent time lies only in {@link #ALWAYS}. */
  public boolean contains(Instant t) {
    if (isAlways()) {
      return true;
    }
    if (t == null) {
      return false;
    }
    return from.map(f -> !t.isBefore(f)).orElse(true) && before.map(t::isBefore).orElse(true);
  }

  /** This window as internal query parameters {@code <name>From} and {@code <name>Before}. */
  void addTo(Map<String, String> query, String name) {
    from.ifPresent(f -> query.put(name + "From", f.toString()));
    before.ifPresent(b -> query.put(name + "Before", b.toString()));
  }

  /** Reads {@code <name>From} and {@code <name>Before} from internal query parameters. */
  static TimeWindow read(Function<String, String> query, String name) {
    return new TimeWindow(instant(query, name + "From"), instant(query, name + "Before"));
  }

  private static Optional<Instant> instant(Function<String, String> query, String parameter) {
    String text = query.apply(parameter);
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      throw new InvalidFieldException(
          parameter, parameter + " must be an ISO-8601 instant, like 2026-01-31T00:00:00Z");
    }
  }

  static Map<String, String> newQuery() {
    return new LinkedHashMap<>();
  }
}
