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
}
