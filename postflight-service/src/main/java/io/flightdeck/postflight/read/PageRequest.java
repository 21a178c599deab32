package io.flightdeck.postflight.read;

import io.flightdeck.postflight.store.ListPosition;
import io.flightdeck.record.InvalidFieldException;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The paging part of a list request: {@code PageSize} (1..1000, default 50) and the keyset position
 * {@code AfterDateCreated} + {@code AfterSid} (both or neither) from the last record of the page
 * before. A malformed value is an {@link InvalidFieldException} naming the parameter.
 */
record PageRequest(int size, Optional<ListPosition> after) {
  static final int DEFAULT_SIZE = 50;
  static final int MAX_SIZE = 1000;

  static PageRequest read(String pageSize, String afterDateCreated, String afterSid, SidKind kind) {
    int size = pageSize == null ? DEFAULT_SIZE : size(pageSize);
    if ((afterDateCreated == null) != (afterSid == null)) {
      throw new InvalidFieldException(
          "AfterSid", "AfterDateCreated and AfterSid go together: give both or neither");
    }
    if (afterSid == null) {
      return new PageRequest(size, Optional.empty());
    }
    String sid = Sid.parse(kind, "AfterSid", afterSid).value();
    return new PageRequest(size, Optional.of(new ListPosition(instant(afterDateCreated), sid)));
  }

  private static int size(String text) {
    try {
      int size = Integer.parseInt(text.strip());
      if (size >= 1 && size <= MAX_SIZE) {
        return size;
      }
    } catch (NumberFormatException e) {
      // answered below, like a number out of range
    }
    throw new InvalidFieldException(
        "PageSize",
        "PageSize must be a whole number from 1 to " + MAX_SIZE + ", got '" + text + "'");
  }

  private static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidFieldException(
          "AfterDateCreated",
          "AfterDateCreated must be an ISO-8601 instant, like 2026-01-31T00:00:00Z");
    }
  }
}
