package io.flightdeck.stack;

import io.flightdeck.record.FieldLimits;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values {@link FieldLimitsEndToEndIT} sends: for every field a producer sets, a value at each
 * boundary of record-contract's {@link FieldLimits} (stored and listed intact) and a value just
 * over it (refused at the door). Text at its longest comes twice: in one-byte characters, and in
 * four-byte ones with control characters, a NUL and a trailing space (the most bytes per character
 * any store spends, and what a careless store trims or mangles).
 */
final class BoundaryValues {
  /** Four UTF-8 bytes, two UTF-16 units, one character to MariaDB. */
  static final String EMOJI = "\uD83D\uDCDE";

  /**
   * The microsecond after {@link FieldLimits#LATEST} and the one before {@link
   * FieldLimits#EARLIEST}.
   */
  static final String AFTER_LATEST = "+10000-01-01T00:00:00Z";

  static final String BEFORE_EARLIEST = "1969-12-31T23:59:59.999999Z";

  private BoundaryValues() {}

  /** {@code length} characters: {@code prefix}, then {@code unit} repeated. */
  static String text(String prefix, String unit, int length) {
    StringBuilder text = new StringBuilder(prefix);
    while (text.codePointCount(0, text.length()) < length) {
      text.append(unit);
    }
    return text.toString();
  }

  /**
   * The longest text in the widest characters: control characters, a NUL, four-byte characters, a
   * trailing space.
   */
  static String widest(int length) {
    return text("\t\n\u0000\"\\é", EMOJI, length - 1) + " ";
  }

  /**
   * Fields of a record as the producer sets them (create and transitions) and as the stores must
   * keep them.
   */
  record Planned(
      String kind, String sid, Map<String, Object> create, List<Map<String, Object>> transitions) {
    /**
     * Every field the record should end with: what the create set, then each transition's changes.
     */
    Map<String, Object> expected() {
      Map<String, Object> fields = new LinkedHashMap<>(create);
      transitions.forEach(fields::putAll);
      fields.remove("at");
      return fields;
    }

    /** The instant of the last transition: the record's {@code date_updated}. */
    Instant updated() {
      return (Instant) transitions.get(transitions.size() - 1).get("at");
    }
  }

  /** A call with every field at its longest or latest, in one-byte characters. */
  static Planned longestCall() {
    String sid = Sid.mint(SidKind.CALL).value();
    Map<String, Object> create =
        fields(
            "sid",
            sid,
            "from",
            text("+1", "5", FieldLimits.ADDRESS_LENGTH),
            "to",
            text("client:", "b", FieldLimits.ADDRESS_LENGTH),
            "direction",
            text("outbound-", "d", FieldLimits.SHORT_TEXT_LENGTH),
            "parent_call_sid",
            Sid.mint(SidKind.CALL).value(),
            "caller_name",
            text("", "c", FieldLimits.ADDRESS_LENGTH),
            "forwarded_from",
            text("+4", "4", FieldLimits.ADDRESS_LENGTH),
            "phone_number_sid",
            "PN" + "f".repeat(32));
    return new Planned(
        "Calls",
        sid,
        create,
        List.of(
            fields(
                "status",
                "in-progress",
                "at",
                Instant.parse("2026-03-09T10:00:00.000001Z"),
                "start_time",
                FieldLimits.LATEST,
                "answered_by",
                text("machine_", "m", FieldLimits.SHORT_TEXT_LENGTH)),
            fields(
                "status",
                "completed",
                "at",
                FieldLimits.LATEST,
                "end_time",
                FieldLimits.LATEST,
                "duration",
                "9".repeat(FieldLimits.DURATION_DIGITS),
                "queue_time",
                "9".repeat(FieldLimits.DURATION_DIGITS),
                "price",
                "-" + "9".repeat(FieldLimits.PRICE_LENGTH - 1),
                "price_unit",
                "USD")));
  }

  /** A call with every text at its longest in the widest characters, and the earliest instants. */
  static Planned widestCall() {
    String sid = Sid.mint(SidKind.CALL).value();
    Map<String, Object> create =
        fields(
            "sid",
            sid,
            "from",
            widest(FieldLimits.ADDRESS_LENGTH),
            "to",
            widest(FieldLimits.ADDRESS_LENGTH),
            "direction",
            widest(FieldLimits.SHORT_TEXT_LENGTH),
            "caller_name",
            widest(FieldLimits.ADDRESS_LENGTH),
            "forwarded_from",
            widest(FieldLimits.ADDRESS_LENGTH));
    return new Planned(
        "Calls",
        sid,
        create,
        List.of(
            fields(
                "status",
                "in-progress",
                "at",
                FieldLimits.EARLIEST,
                "start_time",
                FieldLimits.EARLIEST,
                "answered_by",
                widest(FieldLimits.SHORT_TEXT_LENGTH)),
            fields(
                "status",
                "failed",
                "at",
                FieldLimits.EARLIEST,
                "end_time",
                FieldLimits.EARLIEST,
                "duration",
                "0",
                "queue_time",
                "0",
                "price",
                "0",
                "price_unit",
                "EUR")));
  }

  /** A message with every field at its longest or latest, in one-byte characters. */
  static Planned longestMessage() {
    String sid = "MM" + Sid.mint(SidKind.MESSAGE).value().substring(2);
    Map<String, Object> create =
        fields(
            "sid",
            sid,
            "from",
            text("whatsapp:+1", "5", FieldLimits.ADDRESS_LENGTH),
            "to",
            text("+1", "6", FieldLimits.ADDRESS_LENGTH),
            "direction",
            text("outbound-", "d", FieldLimits.SHORT_TEXT_LENGTH),
            "body",
            text("", "b", FieldLimits.BODY_LENGTH),
            "messaging_service_sid",
            "MG" + "0123456789abcdef".repeat(2),
            "num_media",
            "9".repeat(FieldLimits.COUNT_DIGITS),
            "num_segments",
            "1");
    return new Planned(
        "Messages",
        sid,
        create,
        List.of(
            fields(
                "status",
                "sent",
                "at",
                FieldLimits.LATEST,
                "date_sent",
                FieldLimits.LATEST,
                "num_segments",
                "9".repeat(FieldLimits.COUNT_DIGITS)),
            fields(
                "status",
                "undelivered",
                "at",
                FieldLimits.LATEST,
                "error_code",
                FieldLimits.ERROR_CODE_MAX,
                "error_message",
                text("Unreachable ", "e", FieldLimits.ERROR_MESSAGE_LENGTH),
                "price",
                "-0." + "0".repeat(FieldLimits.PRICE_LENGTH - 4) + "1",
                "price_unit",
                "USD")));
  }

  /**
   * A message with every text at its longest in the widest characters, the earliest instants, the
   * longest status.
   */
  static Planned widestMessage() {
    String sid = Sid.mint(SidKind.MESSAGE).value();
    Map<String, Object> create =
        fields(
            "sid",
            sid,
            "from",
            widest(FieldLimits.ADDRESS_LENGTH),
            "to",
            widest(FieldLimits.ADDRESS_LENGTH),
            "direction",
            widest(FieldLimits.SHORT_TEXT_LENGTH),
            "body",
            widest(FieldLimits.BODY_LENGTH),
            "num_media",
            "0",
            "num_segments",
            "1");
    return new Planned(
        "Messages",
        sid,
        create,
        List.of(
            fields(
                "status",
                "sent",
                "at",
                FieldLimits.EARLIEST,
                "date_sent",
                FieldLimits.EARLIEST,
                "num_segments",
                "2"),
            fields(
                "status",
                "partially_delivered",
                "at",
                FieldLimits.EARLIEST,
                "error_code",
                FieldLimits.ERROR_CODE_MIN,
                "error_message",
                widest(FieldLimits.ERROR_MESSAGE_LENGTH),
                "price",
                "0.5",
                "price_unit",
                "GBP")));
  }

  /** Creates refused at the door: the field named in the answer, and the request's fields. */
  static List<Refusal> refusedCreates() {
    String over = "x".repeat(FieldLimits.ADDRESS_LENGTH + 1);
    String call = Sid.mint(SidKind.CALL).value();
    return List.of(
        new Refusal("Calls", "sid", fields("sid", "CA" + call.substring(2).toUpperCase())),
        new Refusal("Calls", "from", fields("from", over)),
        new Refusal("Calls", "to", fields("to", EMOJI.repeat(FieldLimits.ADDRESS_LENGTH + 1))),
        new Refusal("Calls", "caller_name", fields("caller_name", over)),
        new Refusal("Calls", "forwarded_from", fields("forwarded_from", "\uD83D")),
        new Refusal(
            "Calls",
            "direction",
            fields("direction", "d".repeat(FieldLimits.SHORT_TEXT_LENGTH + 1))),
        new Refusal("Calls", "parent_call_sid", fields("parent_call_sid", call + "0")),
        new Refusal("Calls", "phone_number_sid", fields("phone_number_sid", "PN" + "F".repeat(32))),
        new Refusal("Messages", "body", fields("body", "b".repeat(FieldLimits.BODY_LENGTH + 1))),
        new Refusal(
            "Messages",
            "messaging_service_sid",
            fields("messaging_service_sid", "MG" + "0".repeat(33))),
        new Refusal(
            "Messages", "num_media", fields("num_media", "1".repeat(FieldLimits.COUNT_DIGITS + 1))),
        new Refusal("Messages", "num_segments", fields("num_segments", "-1")));
  }

  /** Transitions refused at the door, each one field just over its limit. */
  static List<Refusal> refusedTransitions() {
    return List.of(
        new Refusal("Calls", "at", fields("status", "ringing", "at", AFTER_LATEST)),
        new Refusal(
            "Calls", "start_time", fields("status", "ringing", "start_time", BEFORE_EARLIEST)),
        new Refusal("Calls", "end_time", fields("status", "completed", "end_time", AFTER_LATEST)),
        new Refusal(
            "Calls",
            "end_time",
            fields("status", "completed", "end_time", "2026-03-09T10:00:00.0000001Z")),
        new Refusal(
            "Calls",
            "duration",
            fields("status", "completed", "duration", "1".repeat(FieldLimits.DURATION_DIGITS + 1))),
        new Refusal(
            "Calls",
            "queue_time",
            fields(
                "status", "completed", "queue_time", "1".repeat(FieldLimits.DURATION_DIGITS + 1))),
        new Refusal(
            "Calls",
            "answered_by",
            fields(
                "status",
                "completed",
                "answered_by",
                "h".repeat(FieldLimits.SHORT_TEXT_LENGTH + 1))),
        new Refusal(
            "Calls",
            "price",
            fields(
                "status",
                "completed",
                "price",
                "-0." + "0".repeat(FieldLimits.PRICE_LENGTH - 3) + "1")),
        new Refusal("Calls", "price_unit", fields("status", "completed", "price_unit", "usd")),
        new Refusal(
            "Messages", "date_sent", fields("status", "sent", "date_sent", BEFORE_EARLIEST)),
        new Refusal("Messages", "date_sent", fields("status", "sent", "date_sent", AFTER_LATEST)),
        new Refusal("Messages", "at", fields("status", "sent", "at", BEFORE_EARLIEST)),
        new Refusal(
            "Messages",
            "error_code",
            fields("status", "failed", "error_code", FieldLimits.ERROR_CODE_MIN - 1)),
        new Refusal(
            "Messages",
            "error_code",
            fields("status", "failed", "error_code", FieldLimits.ERROR_CODE_MAX + 1)),
        new Refusal(
            "Messages",
            "error_message",
            fields(
                "status",
                "failed",
                "error_message",
                "e".repeat(FieldLimits.ERROR_MESSAGE_LENGTH + 1))),
        new Refusal(
            "Messages",
            "num_segments",
            fields("status", "sent", "num_segments", "1".repeat(FieldLimits.COUNT_DIGITS + 1))),
        new Refusal("Messages", "price", fields("status", "failed", "price", "1e3")));
  }

  /** A request that must get a 400 naming {@code field}. */
  record Refusal(String resource, String field, Map<String, Object> body) {}

  private static Map<String, Object> fields(Object... namesAndValues) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return fields;
  }
}
