package io.flightdeck.record.v2010;

import java.util.LinkedHashMap;
import java.util.Map;

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

  /**
   * A record's {@code subresource_uris}: each name's URI under {@code base} ({@code notifications}
   * gives {@code base/Notifications.json}), in the order given, so every service that shows a
   * record writes the same bytes.
   */
  public static Map<String, String> subresources(String base, String... names) {
    Map<String, String> uris = new LinkedHashMap<>();
    for (String name : names) {
      uris.put(
          name, base + "/" + Character.toUpperCase(name.charAt(0)) + name.substring(1) + ".json");
    }
    return uris;
  }
}
