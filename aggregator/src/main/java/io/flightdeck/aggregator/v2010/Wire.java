package io.flightdeck.aggregator.v2010;

/** Conventions every resource of Twilio's v2010 API shares on the wire. */
public final class Wire {
  public static final String API_VERSION = "2010-04-01";

  private Wire() {}

  /** {@code /2010-04-01/Accounts/AC…}: every public URI starts here, relative to the host. */
  public static String accountPath(String accountSid) {
    return "/" + API_VERSION + "/Accounts/" + accountSid;
  }

  /** Twilio's Java library fails a whole page on an empty or unknown currency: never send "". */
  public static String priceUnit(String value) {
    return value == null || value.isBlank() ? null : value.toUpperCase();
  }
}
