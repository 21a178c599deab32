package io.flightdeck.inflight.lifecycle;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.flightdeck.record.InvalidFieldException;
import io.flightdeck.record.MessageRecord;
import io.flightdeck.record.MessageStatus;
import java.time.Instant;

/**
 * A producer's report that a message moved to {@code status} at {@code at}, with the fields that
 * change with it (segments once split, the error once it failed, the price once rated). Fields left
 * out keep their value.
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
    Counts.check("num_segments", numSegments);
    Counts.check("num_media", numMedia);
    if (errorCode != null && (errorCode < 10000 || errorCode > 99999)) {
      throw new InvalidFieldException("error_code", "error_code must be a five-digit Twilio error code");
    }
    if (priceUnit != null && !priceUnit.matches("[A-Za-z]{3}")) {
      throw new InvalidFieldException("price_unit", "price_unit must be an ISO 4217 code");
    }
  }

  @Override
  public MessageRecord applyTo(MessageRecord m, Instant now) {
    Instant when = at == null ? now : at;
    return new MessageRecord(
        m.sid(), m.accountSid(), status, m.direction(), m.from(), m.to(), m.body(),
        m.messagingServiceSid(), or(numMedia, m.numMedia()), or(numSegments, m.numSegments()),
        or(errorCode, m.errorCode()), or(errorMessage, m.errorMessage()), or(price, m.price()),
        or(priceUnit, m.priceUnit()), or(dateSent, m.dateSent()), m.dateCreated(), when, m.version() + 1);
  }

  private static <T> T or(T given, T kept) {
    return given != null ? given : kept;
  }
}
