package io.flightdeck.record;

import java.util.Set;

/**
 * The kinds of Sid this platform issues or accepts, each with the two-letter prefixes Twilio uses.
 */
public enum SidKind {
  ACCOUNT(Set.of("AC")),
  CALL(Set.of("CA")),
  /** SM for SMS, MM for MMS: both name a Message resource. */
  MESSAGE(Set.of("SM", "MM")),
  /** A phone number of the account ({@code phone_number_sid} of a call). */
  PHONE_NUMBER(Set.of("PN")),
  /** A messaging service ({@code messaging_service_sid} of a message). */
  MESSAGING_SERVICE(Set.of("MG"));

  private final Set<String> prefixes;

  SidKind(Set<String> prefixes) {
    this.prefixes = prefixes;
  }

  public boolean accepts(String prefix) {
    return prefixes.contains(prefix);
  }

  /** The prefix this platform uses when it mints a new Sid of this kind. */
  public String mintingPrefix() {
    return switch (this) {
      case ACCOUNT -> "AC";
      case CALL -> "CA";
      case MESSAGE -> "SM";
      case PHONE_NUMBER -> "PN";
      case MESSAGING_SERVICE -> "MG";
    };
  }
}
