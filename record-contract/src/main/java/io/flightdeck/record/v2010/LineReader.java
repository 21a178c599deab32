package io.flightdeck.record.v2010;

import io.flightdeck.record.ListPosition;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads the common line of {@link PublicLines}, {@code [second,nano,"sid",{...}]} as the services
 * write it, without a JSON parser: two integers, a Sid of plain ASCII letters and digits, and the
 * record's object taken as it is up to the line's closing bracket (a JSON string never holds a raw
 * line break, so the line ends where the body's next one is). Anything else is left to the JSON
 * parser ({@link Optional#empty()}).
 */
final class LineReader {
  private final byte[] body;
  private final int end;
  private int at;

  private LineReader(byte[] body, int start, int end) {
    this.body = body;
    this.at = start;
    this.end = end;
  }

  static Optional<PublicLines.Line> read(byte[] body, int start, int end) {
    return new LineReader(body, start, end).line();
  }

  private Optional<PublicLines.Line> line() {
    if (!take('[')) {
      return Optional.empty();
    }
    long second = number();
    if (second == Long.MIN_VALUE || !take(',')) {
      return Optional.empty();
    }
    long nano = number();
    if (nano < 0 || nano > 999_999_999 || !take(',')) {
      return Optional.empty();
    }
    String sid = plainString();
    if (sid == null || !take(',') || at >= end || body[at] != '{' || body[end - 1] != ']') {
      return Optional.empty();
    }
    ListedRecord record =
        new ListedRecord(
            new ListPosition(Instant.ofEpochSecond(second, nano), sid),
            Arrays.copyOfRange(body, at, end - 1));
    return Optional.of(PublicLines.Line.shown(record));
  }

  private boolean take(char expected) {
    if (at < end && body[at] == expected) {
      at++;
      return true;
    }
    return false;
  }

  /** An integer of up to 18 digits, else {@link Long#MIN_VALUE}. */
  private long number() {
    boolean negative = take('-');
    int first = at;
    long value = 0;
    while (at < end && body[at] >= '0' && body[at] <= '9' && at - first < 18) {
      value = value * 10 + (body[at++] - '0');
    }
    if (at == first || (at < end && body[at] >= '0' && body[at] <= '9')) {
      return Long.MIN_VALUE;
    }
    return negative ? -value : value;
  }

  /** A string of ASCII letters and digits only, else null. */
  private String plainString() {
    if (!take('"')) {
      return null;
    }
    int first = at;
    while (at < end && isPlain(body[at])) {
      at++;
    }
    if (!take('"')) {
      return null;
    }
    return new String(body, first, at - 1 - first, StandardCharsets.US_ASCII);
  }

  private static boolean isPlain(byte b) {
    return (b >= '0' && b <= '9') || (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z');
  }
}
