package io.flightdeck.record;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

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
  private static final Pattern SHAPE = Pattern.compile("^[A-Z]{2}[0-9a-f]{32}$");
  private static final SecureRandom RANDOM = new SecureRandom();

  public Sid {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
    if (!SHAPE.matcher(value).matches() || !kind.accepts(value.substring(0, 2))) {
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
    if (text == null || !SHAPE.matcher(text).matches() || !kind.accepts(text.substring(0, 2))) {
      throw new InvalidFieldException(
          field,
          "%s must be a %s Sid (%s followed by 32 lower-case hex digits), got '%s'"
              .formatted(
                  field,
                  kind.name().toLowerCase().replace('_', ' '),
                  kind.mintingPrefix(),
                  abbreviate(text)));
    }
    return new Sid(kind, text);
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

  @Override
  public String toString() {
    return value;
  }
}
