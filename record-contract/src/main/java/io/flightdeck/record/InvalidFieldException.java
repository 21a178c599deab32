package io.flightdeck.record;

/**
 * Client input that cannot be accepted; the message is written for the client and names the field.
 * Every service maps it to a 400 in the API's error body.
 */
public class InvalidFieldException extends IllegalArgumentException {
  private final String field;

  public InvalidFieldException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }

  /**
   * A client's value as a refusal may quote it: its first 40 characters, and U+FFFD in place of an
   * unpaired surrogate, so the error body itself can always be written as UTF-8.
   */
  public static String shown(String value) {
    StringBuilder shown = new StringBuilder();
    int[] codePoints = value.codePoints().limit(41).toArray();
    for (int i = 0; i < Math.min(codePoints.length, 40); i++) {
      int c = codePoints[i];
      shown.appendCodePoint(
          c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE ? 0xFFFD : c);
    }
    return codePoints.length > 40 ? shown.append('…').toString() : shown.toString();
  }
}
