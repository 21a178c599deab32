package io.flightdeck.aggregator.paging;

import io.flightdeck.record.InvalidFieldException;
import io.flightdeck.record.ListPosition;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The opaque {@code PageToken} of the public lists: the position after which the next page starts,
 * signed (HMAC-SHA256) together with the account and resource it belongs to. A token that was
 * changed, forged, or minted for another account or list is refused, never followed.
 *
 * <p>Shape: {@code PA} + base64url(position) + {@code .} + base64url(signature), where "PA" is
 * Twilio's "page after" prefix. Thread-safe.
 */
public final class PageToken {
  private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

  private final SecretKeySpec key;

  public PageToken(String secret) {
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  public String after(String scope, ListPosition position) {
    String body = position.dateCreated().toString() + "|" + position.sid();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return "PA" + ENCODE.encodeToString(bytes) + "." + ENCODE.encodeToString(sign(scope, bytes));
  }

  /**
   * Reads a token given back by a client for this scope.
   *
   * @throws InvalidFieldException when it is not a token this service issued for this scope
   */
  public ListPosition read(String scope, String token) {
    try {
      int dot = token.indexOf('.');
      if (!token.startsWith("PA") || dot < 0) {
        throw invalid();
      }
      byte[] bytes = DECODE.decode(token.substring(2, dot));
      byte[] signature = DECODE.decode(token.substring(dot + 1));
      if (!MessageDigest.isEqual(signature, sign(scope, bytes))) {
        throw invalid();
      }
      String[] parts = new String(bytes, StandardCharsets.UTF_8).split("\\|", 2);
      return new ListPosition(Instant.parse(parts[0]), parts[1]);
    } catch (IllegalArgumentException
        | java.time.DateTimeException
        | ArrayIndexOutOfBoundsException e) {
      throw invalid();
    }
  }

  private byte[] sign(String scope, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(scope.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return Arrays.copyOf(mac.doFinal(body), 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JVM has HmacSHA256", e);
    }
  }

  private static InvalidFieldException invalid() {
    return new InvalidFieldException(
        "PageToken", "PageToken is not valid for this list; follow next_page_uri as given");
  }
}
