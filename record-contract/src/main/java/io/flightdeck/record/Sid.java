package io.flightdeck.record;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A Twilio-style identifier: a two-letter prefix and 32 lower-case hex digits (34 characters).
 *
 * <p>Instances are always valid for their kind; {@link #parse} is the only way in from the outside
 * and its refusal names the field, so callers can turn it into a 400 as it is.
 *
 * <p>One spelling per Sid: upper-case hex is refused, never folded. Every store compares Sids byte
 * for byte ({@code utf8mb4_bin}) and the shard map hashes the AccountSid's text, so {@code CA…AB}
 * and {@code CA…ab} would be two records on possibly two shards; a producer that brings its own Sid
 * sees it unchanged everywhere, as Twilio prints Sids (lower case).
 */
public record Sid(SidKind kind, String value) {
  private static final SecureRandom RANDOM = new SecureRandom();

  public Sid {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
    if (!hasShape(value) || !kind.accepts(value.substring(0, 2))) {
      throw new IllegalArgumentException("not a " + kind + " Sid: " + value);
    }
  }

  /**
   * Reads a Sid given by a client.
   *
   * @param field the name the client knows the value by, used in the error message
   * @throws InvalidFieldException when the text is not a Sid of this kind
   */
  public static Sid parse(SidKind kind, String field, String text) {
    if (text != null) {
      try {
        return new Sid(kind, text); // checked once, by the constructor
      } catch (IllegalArgumentException e) {
        // refused below, naming the field
      }
    }
    throw new InvalidFieldException(
        field,
        "%s must be a %s Sid (%s followed by 32 lower-case hex digits), got '%s'"
            .formatted(
                field,
                kind.name().toLowerCase().replace('_', ' '),
                kind.mintingPrefix(),
                abbreviate(text)));
  }

  /** A fresh random Sid: 128 random bits, lower-case hex as Twilio prints them. */
  public static Sid mint(SidKind kind) {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return new Sid(kind, kind.mintingPrefix() + HexFormat.of().formatHex(bytes));
  }

  private static String abbreviate(String text) {
    return text == null ? "" : InvalidFieldException.shown(text);
  }

  /**
   * Two upper-case letters, then 32 lower-case hex digits. Checked by hand, not by a regular
   * expression: every record of every list page has its Sid checked, and the expression cost a
   * tenth of a page's encoding.
   */
  private static boolean hasShape(String text) {
    if (text.length() != 34) {
      return false;
    }
    for (int i = 0; i < 34; i++) {
      char c = text.charAt(i);
      boolean fits =
          i < 2 ? c >= 'A' && c <= 'Z' : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
      if (!fits) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return value;
  }
}
