package io.flightdeck.inflight.lifecycle;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.flightdeck.record.FieldLimits;
import io.flightdeck.record.InvalidFieldException;
import io.flightdeck.record.MessageRecord;
import io.flightdeck.record.MessageStatus;
import java.time.Instant;

/**
 * A producer's report that a message moved to {@code status} at {@code at}, with the fields that
 * change with it (segments once split, the error once it failed, the price once rated). Fields left
 * out keep their value; the fields given are held to record-contract's {@link FieldLimits}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MessageTransition(
    MessageStatus status,
    Instant at,
    Instant dateSent,
    String numSegments,
    String numMedia,
    Integer errorCode,
    String errorMessage,
    String price,
    String priceUnit)
    implements Transition<MessageRecord, MessageStatus> {

  @Override
  public void validate() {
    if (status == null) {
      throw new InvalidFieldException("status", "status is required");
    }
    FieldLimits.instant("at", at);
    FieldLimits.instant("date_sent", dateSent);
    FieldLimits.digits("num_segments", numSegments, FieldLimits.COUNT_DIGITS);
    FieldLimits.digits("num_media", numMedia, FieldLimits.COUNT_DIGITS);
    FieldLimits.errorCode("error_code", errorCode);
    FieldLimits.text("error_message", errorMessage, FieldLimits.ERROR_MESSAGE_LENGTH);
    FieldLimits.price("price", price);
    FieldLimits.priceUnit("price_unit", priceUnit);
  }

  @Override
  public MessageRecord applyTo(MessageRecord m, Instant now) {
    Instant when = at == null ? now : at;
    return new MessageRecord(
        m.sid(),
        m.accountSid(),
        status,
        m.direction(),
        m.from(),
        m.to(),
        m.body(),
        m.messagingServiceSid(),
        or(numMedia, m.numMedia()),
        or(numSegments, m.numSegments()),
        or(errorCode, m.errorCode()),
        or(errorMessage, m.errorMessage()),
        or(price, m.price()),
        or(priceUnit, m.priceUnit()),
        or(dateSent, m.dateSent()),
        m.dateCreated(),
        when,
        m.version() + 1);
  }

  private static <T> T or(T given, T kept) {
    return given != null ? given : kept;
  }
}
