package io.flightdeck.postflight.routing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Where an account sits in the keyspace: the first 64 bits of the SHA-256 of its AccountSid, read
 * as an unsigned number. Stable across versions, processes and machines (never change it: every
 * stored record's shard depends on it), and spread evenly whatever the Sids look like.
 */
public record KeyspaceId(long value) {

  public static KeyspaceId of(String accountSid) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(accountSid.getBytes(StandardCharsets.US_ASCII));
      return new KeyspaceId(ByteBuffer.wrap(digest, 0, Long.BYTES).getLong());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return String.format("%016x", value);
  }
}
