package io.flightdeck.record;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The one set of limits a record's fields are held to, so that a record accepted at the door fits
 * every store it reaches afterwards: the in-flight store, the post-flight shards, the legacy
 * combined store (the write path {@code dual} of the migration design puts new records there too)
 * and the billing ledger. Each limit is the narrowest column that holds the field anywhere (README,
 * "Field limits", lists the columns); a build test in {@code deploy/stack} reads every store's
 * schema and fails when a column is narrower than its limit here.
 *
 * <p>Lengths count characters (Unicode code points), as MariaDB's {@code VARCHAR(n)} does in {@code
 * utf8mb4}, not Java's UTF-16 units. Every refusal is an {@link InvalidFieldException} whose
 * message names the field as producers write it and the limit it broke.
 */
public final class FieldLimits {
  /** The earliest instant a record may carry: the Unix epoch. */
  public static final Instant EARLIEST = Instant.EPOCH;

  /**
   * The latest instant a record may carry: the last microsecond {@code DATETIME(6)} holds. No
   * record instant is ever stored in a {@code TIMESTAMP} column (those end in 2038).
   */
  public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

  /**
   * {@code from}, {@code to}, their formatted forms, {@code caller_name}, {@code forwarded_from}:
   * {@code VARCHAR(255)}.
   */
  public static final int ADDRESS_LENGTH = 255;

  /** {@code direction} and {@code answered_by}: {@code VARCHAR(32)}. */
  public static final int SHORT_TEXT_LENGTH = 32;

  /**
   * A message's {@code body}: Twilio's own limit; the {@code TEXT} columns hold 16,383 four-byte
   * characters.
   */
  public static final int BODY_LENGTH = 1600;

  /**
   * A message's {@code error_message}: the legacy store's {@code VARCHAR(255)} (post-flight's holds
   * 1024).
   */
  public static final int ERROR_MESSAGE_LENGTH = 255;

  /**
   * {@code num_media} and {@code num_segments}, whole numbers as text: the legacy store's {@code
   * VARCHAR(8)}.
   */
  public static final int COUNT_DIGITS = 8;

  /**
   * {@code duration} and {@code queue_time}, whole numbers as text: {@code VARCHAR(16)} holds more,
   * but billing counts a call's started minutes in an {@code INT}, which nine digits of seconds
   * fit.
   */
  public static final int DURATION_DIGITS = 9;

  /** {@code price}, a decimal number as text (Twilio's {@code "-0.00750"}): {@code VARCHAR(16)}. */
  public static final int PRICE_LENGTH = 16;

  /** Twilio's error codes are five digits; {@code INT} holds them. */
  public static final int ERROR_CODE_MIN = 10_000;

  public static final int ERROR_CODE_MAX = 99_999;

  private static final Pattern PRICE = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
  private static final Pattern FOREIGN_SID = Pattern.compile("[A-Z]{2}[0-9a-f]{32}");

  private FieldLimits() {}

  /**
   * Checks every field of a record, in the order of its declaration; the first field out of limits
   * is refused.
   */
  public static void check(LifecycleRecord record) {
    if (record instanceof CallRecord call) {
      check(call);
    } else if (record instanceof MessageRecord message) {
      check(message);
    }
  }

  public static void check(CallRecord c) {
    sid(SidKind.CALL, "sid", c.sid());
    sid(SidKind.ACCOUNT, "account_sid", c.accountSid());
    sid(SidKind.CALL, "parent_call_sid", c.parentCallSid());
    text("direction", c.direction(), SHORT_TEXT_LENGTH);
    text("from", c.from(), ADDRESS_LENGTH);
    text("to", c.to(), ADDRESS_LENGTH);
    text("from_formatted", c.fromFormatted(), ADDRESS_LENGTH);
    text("to_formatted", c.toFormatted(), ADDRESS_LENGTH);
    text("caller_name", c.callerName(), ADDRESS_LENGTH);
    text("forwarded_from", c.forwardedFrom(), ADDRESS_LENGTH);
    text("answered_by", c.answeredBy(), SHORT_TEXT_LENGTH);
    sid(SidKind.PHONE_NUMBER, "phone_number_sid", c.phoneNumberSid());
    foreignSid("group_sid", c.groupSid());
    foreignSid("trunk_sid", c.trunkSid());
    digits("queue_time", c.queueTime(), DURATION_DIGITS);
    instant("start_time", c.startTime());
    instant("end_time", c.endTime());
    digits("duration", c.duration(), DURATION_DIGITS);
    price("price", c.price());
    priceUnit("price_unit", c.priceUnit());
    instant("date_created", c.dateCreated());
    instant("date_updated", c.dateUpdated());
  }

  public static void check(MessageRecord m) {
    sid(SidKind.MESSAGE, "sid", m.sid());
    sid(SidKind.ACCOUNT, "account_sid", m.accountSid());
    text("direction", m.direction(), SHORT_TEXT_LENGTH);
    text("from", m.from(), ADDRESS_LENGTH);
    text("to", m.to(), ADDRESS_LENGTH);
    text("body", m.body(), BODY_LENGTH);
    sid(SidKind.MESSAGING_SERVICE, "messaging_service_sid", m.messagingServiceSid());
    digits("num_media", m.numMedia(), COUNT_DIGITS);
    digits("num_segments", m.numSegments(), COUNT_DIGITS);
    errorCode("error_code", m.errorCode());
    text("error_message", m.errorMessage(), ERROR_MESSAGE_LENGTH);
    price("price", m.price());
    priceUnit("price_unit", m.priceUnit());
    instant("date_sent", m.dateSent());
    instant("date_created", m.dateCreated());
    instant("date_updated", m.dateUpdated());
  }

  /**
   * Text of at most {@code maxLength} characters; absent is allowed. Unpaired UTF-16 surrogates are
   * refused: they are not characters, and a store's UTF-8 column keeps a {@code ?} in their place.
   */
  public static String text(String field, String value, int maxLength) {
    if (value == null) {
      return null;
    }
    // String.codePoints() yields an unpaired surrogate as a code point of its own.
    if (value
        .codePoints()
        .anyMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)) {
      throw new InvalidFieldException(
          field, field + " must be valid Unicode text: it has an unpaired UTF-16 surrogate");
    }
    int length = value.codePointCount(0, value.length());
    if (length > maxLength) {
      throw new InvalidFieldException(
          field, "%s must be at most %d characters, got %d".formatted(field, maxLength, length));
    }
    return value;
  }

  /** Text that must be present and not blank, within {@code maxLength} characters. */
  public static String requiredText(String field, String value, int maxLength) {
    if (value == null || value.isBlank()) {
      throw new InvalidFieldException(field, field + " is required");
    }
    return text(field, value, maxLength);
  }

  /**
   * An instant between {@link #EARLIEST} and {@link #LATEST}, to the microsecond (every store keeps
   * {@code DATETIME(6)}: a finer instant would come back changed); absent is allowed.
   */
  public static Instant instant(String field, Instant value) {
    if (value == null) {
      return null;
    }
    if (value.isBefore(EARLIEST) || value.isAfter(LATEST)) {
      throw new InvalidFieldException(
          field, "%s must be between %s and %s, got %s".formatted(field, EARLIEST, LATEST, value));
    }
    if (value.getNano() % 1000 != 0) {
      throw new InvalidFieldException(
          field, field + " must be given to the microsecond at most, got " + value);
    }
    return value;
  }

  /**
   * A whole number written as 1 to {@code maxDigits} decimal digits ({@code "42"}); absent is
   * allowed.
   */
  public static String digits(String field, String value, int maxDigits) {
    if (value == null) {
      return null;
    }
    if (value.isEmpty()
        || value.length() > maxDigits
        || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new InvalidFieldException(
          field,
          "%s must be a whole number of 1 to %d digits, got '%s'"
              .formatted(field, maxDigits, InvalidFieldException.shown(value)));
    }
    return value;
  }

  /**
   * A decimal number ({@code "-0.00750"}) of at most {@link #PRICE_LENGTH} characters; absent is
   * allowed.
   */
  public static String price(String field, String value) {
    if (value == null) {
      return null;
    }
    if (value.length() > PRICE_LENGTH || !PRICE.matcher(value).matches()) {
      throw new InvalidFieldException(
          field,
          "%s must be a decimal number of at most %d characters, such as -0.00750, got '%s'"
              .formatted(field, PRICE_LENGTH, InvalidFieldException.shown(value)));
    }
    return value;
  }

  /**
   * An ISO 4217 currency code, upper case as the standard and Twilio write it ({@code USD}); absent
   * is allowed.
   */
  public static String priceUnit(String field, String value) {
    if (value != null && !CURRENCY.matcher(value).matches()) {
      throw new InvalidFieldException(
          field,
          "%s must be an ISO 4217 currency code of three upper-case letters, got '%s'"
              .formatted(field, InvalidFieldException.shown(value)));
    }
    return value;
  }

  /** A five-digit Twilio error code; absent is allowed. */
  public static Integer errorCode(String field, Integer value) {
    if (value != null && (value < ERROR_CODE_MIN || value > ERROR_CODE_MAX)) {
      throw new InvalidFieldException(
          field,
          "%s must be a five-digit Twilio error code (%d to %d), got %d"
              .formatted(field, ERROR_CODE_MIN, ERROR_CODE_MAX, value));
    }
    return value;
  }

  /**
   * A Sid of this kind ({@link Sid#parse}: prefix and 32 lower-case hex digits); absent is allowed.
   */
  public static String sid(SidKind kind, String field, String value) {
    return value == null ? null : Sid.parse(kind, field, value).value();
  }

  /**
   * A Sid of a resource this platform does not model ({@code group_sid}, {@code trunk_sid}): its
   * shape only.
   */
  private static void foreignSid(String field, String value) {
    if (value != null && !FOREIGN_SID.matcher(value).matches()) {
      throw new InvalidFieldException(
          field,
          field
              + " must be a Sid (two letters and 32 lower-case hex digits), got '"
              + InvalidFieldException.shown(value)
              + "'");
    }
  }
}
