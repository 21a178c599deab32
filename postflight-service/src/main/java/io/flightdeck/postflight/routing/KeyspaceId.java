package io.flightdeck.postflight.routing;

import io.flightdeck.record.InvalidFieldException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

/**
 * Where an account sits in the keyspace: the first 64 bits of the SHA-256 of its AccountSid, read
 * as an unsigned number. Stable across versions, processes and machines (never change it: every
 * stored record's shard depends on it), and spread evenly whatever the Sids look like. Written as
 * 16 lower-case hex digits.
 */
public record KeyspaceId(long value) {
  private static final Pattern HEX = Pattern.compile("^[0-9a-fA-F]{16}$");

  public static KeyspaceId of(String accountSid) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(accountSid.getBytes(StandardCharsets.US_ASCII));
      return new KeyspaceId(ByteBuffer.wrap(digest, 0, Long.BYTES).getLong());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /**
   * Reads a keyspace id written as 16 hex digits.
   *
   * @param field the name the client knows the value by, used in the error message
   * @throws InvalidFieldException when the text is not 16 hex digits
   */
  public static KeyspaceId parse(String field, String text) {
    if (text == null || !HEX.matcher(text).matches()) {
      throw new InvalidFieldException(
          field, "%s must be a keyspace id of 16 hex digits, got '%s'".formatted(field, text));
    }
    return new KeyspaceId(Long.parseUnsignedLong(text, 16));
  }

  @Override
  public String toString() {
    return String.format("%016x", value);
  }
}
