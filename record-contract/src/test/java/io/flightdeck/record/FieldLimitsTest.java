package io.flightdeck.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.flightdeck.record.sql.ColumnValues;
import io.flightdeck.record.sql.RecordColumns;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class FieldLimitsTest {
  /** Four UTF-8 bytes and two UTF-16 units, yet one character to MariaDB. */
  private static final String EMOJI = "\uD83D\uDCDE";

  /** The in-flight store keeps each live record as JSON in a {@code TEXT} column. */
  private static final int TEXT_BYTES = 65_535;

  @Test
  void textIsCountedInCharactersAsTheStoresCountThem() {
    assertThat(FieldLimits.text("from", EMOJI.repeat(255), FieldLimits.ADDRESS_LENGTH))
        .hasSize(510);
    refused(() -> FieldLimits.text("from", EMOJI.repeat(256), FieldLimits.ADDRESS_LENGTH))
        .hasMessage("from must be at most 255 characters, got 256");
    assertThat(FieldLimits.text("error_message", "x".repeat(255), FieldLimits.ERROR_MESSAGE_LENGTH))
        .hasSize(255);
    refused(
            () ->
                FieldLimits.text(
                    "error_message", "x".repeat(1025), FieldLimits.ERROR_MESSAGE_LENGTH))
        .hasMessage("error_message must be at most 255 characters, got 1025");
    assertThat(FieldLimits.text("caller_name", null, FieldLimits.ADDRESS_LENGTH)).isNull();
  }

  @Test
  void anUnpairedSurrogateIsRefusedBecauseNoStoreCanHoldIt() {
    refused(() -> FieldLimits.text("body", "hi \uD83D there", FieldLimits.BODY_LENGTH))
        .hasMessageContaining("body must be valid Unicode text");
    refused(() -> FieldLimits.text("body", "\uDCDE", FieldLimits.BODY_LENGTH))
        .hasMessageContaining("body");
  }

  @Test
  void requiredTextMustBeThere() {
    refused(() -> FieldLimits.requiredText("to", " ", FieldLimits.ADDRESS_LENGTH))
        .hasMessage("to is required");
    refused(() -> FieldLimits.requiredText("to", null, FieldLimits.ADDRESS_LENGTH))
        .hasMessage("to is required");
    refused(() -> FieldLimits.requiredText("to", "1".repeat(256), FieldLimits.ADDRESS_LENGTH))
        .hasMessage("to must be at most 255 characters, got 256");
  }

  @Test
  void instantsRunFromTheEpochToTheLastMicrosecondOfYear9999() {
    assertThat(FieldLimits.instant("start_time", Instant.parse("1970-01-01T00:00:00Z")))
        .isEqualTo(FieldLimits.EARLIEST);
    assertThat(FieldLimits.instant("start_time", Instant.parse("9999-12-31T23:59:59.999999Z")))
        .isEqualTo(FieldLimits.LATEST);
    refused(() -> FieldLimits.instant("start_time", Instant.parse("1969-12-31T23:59:59.999999Z")))
        .hasMessage(
            "start_time must be between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z, got 1969-12-31T23:59:59.999999Z");
    refused(() -> FieldLimits.instant("end_time", Instant.parse("+10000-01-01T00:00:00Z")))
        .hasMessageContaining("end_time must be between");
    refused(() -> FieldLimits.instant("date_sent", Instant.parse("2026-03-09T10:00:00.000000001Z")))
        .hasMessage(
            "date_sent must be given to the microsecond at most, got 2026-03-09T10:00:00.000000001Z");
  }

  @Test
  void countsAndDurationsAreWholeNumbersOfBoundedDigits() {
    assertThat(FieldLimits.digits("duration", "999999999", FieldLimits.DURATION_DIGITS))
        .isEqualTo("999999999");
    refused(() -> FieldLimits.digits("duration", "1000000000", FieldLimits.DURATION_DIGITS))
        .hasMessage("duration must be a whole number of 1 to 9 digits, got '1000000000'");
    assertThat(FieldLimits.digits("num_segments", "99999999", FieldLimits.COUNT_DIGITS))
        .isEqualTo("99999999");
    refused(() -> FieldLimits.digits("num_segments", "100000000", FieldLimits.COUNT_DIGITS))
        .hasMessageContaining("num_segments");
    for (String notANumber : new String[] {"", "-1", "4.2", " 42", "٤٢"}) {
      refused(() -> FieldLimits.digits("queue_time", notANumber, FieldLimits.DURATION_DIGITS))
          .hasMessageContaining("queue_time");
    }
  }

  @Test
  void pricesAreDecimalsThatFitTheirColumnInUpperCaseCurrencies() {
    assertThat(FieldLimits.price("price", "-0.00750")).isEqualTo("-0.00750");
    assertThat(FieldLimits.price("price", "-0.0000000000001")).hasSize(16);
    refused(() -> FieldLimits.price("price", "-0.00000000000001"))
        .hasMessageContaining("price must be a decimal number of at most 16 characters");
    for (String notADecimal : new String[] {"", "free", "1.", ".5", "1e3", "+1"}) {
      refused(() -> FieldLimits.price("price", notADecimal)).hasMessageContaining("price");
    }
    assertThat(FieldLimits.priceUnit("price_unit", "USD")).isEqualTo("USD");
    refused(() -> FieldLimits.priceUnit("price_unit", "usd"))
        .hasMessageContaining("three upper-case letters, got 'usd'");
    refused(() -> FieldLimits.priceUnit("price_unit", "DOLLARS"))
        .hasMessageContaining("price_unit");
  }

  @Test
  void errorCodesAreFiveDigits() {
    assertThat(FieldLimits.errorCode("error_code", 10000)).isEqualTo(10000);
    assertThat(FieldLimits.errorCode("error_code", 99999)).isEqualTo(99999);
    refused(() -> FieldLimits.errorCode("error_code", 9999)).hasMessageContaining("error_code");
    refused(() -> FieldLimits.errorCode("error_code", 100000)).hasMessageContaining("error_code");
  }

  @Test
  void sidsAreLowerCaseHexOfTheirKind() {
    String hex = "0123456789abcdef".repeat(2);
    assertThat(FieldLimits.sid(SidKind.PHONE_NUMBER, "phone_number_sid", "PN" + hex))
        .isEqualTo("PN" + hex);
    refused(
            () ->
                FieldLimits.sid(SidKind.PHONE_NUMBER, "phone_number_sid", "PN" + hex.toUpperCase()))
        .hasMessageContaining(
            "phone_number_sid must be a phone number Sid (PN followed by 32 lower-case hex digits)");
    refused(() -> FieldLimits.sid(SidKind.PHONE_NUMBER, "phone_number_sid", "+14155550100"))
        .hasMessageContaining("phone_number_sid");
    refused(
            () ->
                FieldLimits.sid(
                    SidKind.MESSAGING_SERVICE, "messaging_service_sid", "MG" + hex + "0"))
        .hasMessageContaining("messaging_service_sid");
  }

  @Test
  void aRecordIsCheckedFieldByFieldAndTheFirstBadFieldIsNamed() {
    FieldLimits.check(fullestCall("x"));
    FieldLimits.check(message("x".repeat(FieldLimits.BODY_LENGTH)));
    refused(() -> FieldLimits.check(message("x".repeat(FieldLimits.BODY_LENGTH + 1))))
        .hasMessage("body must be at most 1600 characters, got 1601");
    CallRecord late =
        RecordColumns.CALLS.with(
            fullestCall("x"),
            Map.of("end_time", ColumnValues.utc(Instant.parse("+10000-01-01T00:00:00Z"))));
    refused(() -> FieldLimits.check((LifecycleRecord) late)).hasMessageContaining("end_time");
  }

  @Test
  void theLargestRecordWithinTheLimitsFitsTheInflightStoresTextColumn() throws Exception {
    ObjectMapper json =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    // A control character is written as six bytes (\u0001), the most JSON spends on one character.
    for (String worst : new String[] {"\u0001", EMOJI, "é"}) {
      CallRecord call = fullestCall(worst);
      FieldLimits.check(call);
      assertThat(json.writeValueAsString(call).getBytes(StandardCharsets.UTF_8))
          .hasSizeLessThan(TEXT_BYTES);
      MessageRecord message = fullestMessage(worst);
      FieldLimits.check(message);
      assertThat(json.writeValueAsString(message).getBytes(StandardCharsets.UTF_8))
          .hasSizeLessThan(TEXT_BYTES);
    }
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> refused(Runnable check) {
    return assertThatThrownBy(check::run).isInstanceOf(InvalidFieldException.class);
  }

  private static CallRecord fullestCall(String character) {
    String address = character.repeat(FieldLimits.ADDRESS_LENGTH);
    String shortText = character.repeat(FieldLimits.SHORT_TEXT_LENGTH);
    String hex = "f".repeat(32);
    return new CallRecord(
        "CA" + hex,
        "AC" + hex,
        "CA" + hex,
        CallStatus.COMPLETED,
        shortText,
        address,
        address,
        address,
        address,
        address,
        address,
        shortText,
        "PN" + hex,
        "GP" + hex,
        "TK" + hex,
        "9".repeat(9),
        FieldLimits.LATEST,
        FieldLimits.LATEST,
        "9".repeat(9),
        "-" + "9".repeat(15),
        "USD",
        FieldLimits.LATEST,
        FieldLimits.LATEST,
        Long.MAX_VALUE);
  }

  private static MessageRecord fullestMessage(String character) {
    String hex = "f".repeat(32);
    MessageRecord m = message(character.repeat(FieldLimits.BODY_LENGTH));
    String address = character.repeat(FieldLimits.ADDRESS_LENGTH);
    return new MessageRecord(
        m.sid(),
        m.accountSid(),
        MessageStatus.PARTIALLY_DELIVERED,
        character.repeat(FieldLimits.SHORT_TEXT_LENGTH),
        address,
        address,
        m.body(),
        "MG" + hex,
        "9".repeat(8),
        "9".repeat(8),
        99999,
        character.repeat(FieldLimits.ERROR_MESSAGE_LENGTH),
        "-" + "9".repeat(15),
        "USD",
        FieldLimits.LATEST,
        FieldLimits.LATEST,
        FieldLimits.LATEST,
        Long.MAX_VALUE);
  }

  private static MessageRecord message(String body) {
    String hex = "f".repeat(32);
    Instant now = Instant.parse("2026-03-09T10:00:00Z");
    return new MessageRecord(
        "SM" + hex,
        "AC" + hex,
        MessageStatus.DELIVERED,
        "outbound-api",
        "+14155550100",
        "+14155550101",
        body,
        null,
        "0",
        "1",
        null,
        null,
        null,
        null,
        now,
        now,
        now,
        2);
  }
}
