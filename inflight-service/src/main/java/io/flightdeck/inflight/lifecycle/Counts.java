package io.flightdeck.inflight.lifecycle;

import io.flightdeck.record.InvalidFieldException;

/** Twilio's counts travel as strings of digits ({@code "3"}); anything else is refused by name. */
final class Counts {
  private Counts() {}

  static void check(String field, String value) {
    if (value != null && !value.matches("\\d{1,9}")) {
      throw new InvalidFieldException(field, field + " must be a whole number, got '" + value + "'");
    }
  }
}
