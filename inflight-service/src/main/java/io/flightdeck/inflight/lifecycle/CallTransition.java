package io.flightdeck.inflight.lifecycle;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.CallStatus;
import io.flightdeck.record.FieldLimits;
import io.flightdeck.record.InvalidFieldException;
import java.time.Instant;

/**
 * A producer's report that a call moved to {@code status} at {@code at}, with the fields that
 * change with it. Fields left out keep their value; the fields given are held to record-contract's
 * {@link FieldLimits}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CallTransition(
    CallStatus status,
    Instant at,
    String duration,
    String answeredBy,
    Instant startTime,
    Instant endTime,
    String price,
    String priceUnit,
    String queueTime)
    implements Transition<CallRecord, CallStatus> {

  @Override
  public void validate() {
    if (status == null) {
      throw new InvalidFieldException("status", "status is required");
    }
    FieldLimits.instant("at", at);
    FieldLimits.digits("duration", duration, FieldLimits.DURATION_DIGITS);
    FieldLimits.text("answered_by", answeredBy, FieldLimits.SHORT_TEXT_LENGTH);
    FieldLimits.instant("start_time", startTime);
    FieldLimits.instant("end_time", endTime);
    FieldLimits.price("price", price);
    FieldLimits.priceUnit("price_unit", priceUnit);
    FieldLimits.digits("queue_time", queueTime, FieldLimits.DURATION_DIGITS);
  }

  /** The record after this transition: status, changed fields, one version later. */
  @Override
  public CallRecord applyTo(CallRecord current, Instant now) {
    CallRecord moved = current.withStatus(status, at == null ? now : at);
    return new CallRecord(
        moved.sid(),
        moved.accountSid(),
        moved.parentCallSid(),
        moved.status(),
        moved.direction(),
        moved.from(),
        moved.to(),
        moved.fromFormatted(),
        moved.toFormatted(),
        moved.callerName(),
        moved.forwardedFrom(),
        or(answeredBy, moved.answeredBy()),
        moved.phoneNumberSid(),
        moved.groupSid(),
        moved.trunkSid(),
        or(queueTime, moved.queueTime()),
        or(startTime, moved.startTime()),
        or(endTime, moved.endTime()),
        or(duration, moved.duration()),
        or(price, moved.price()),
        or(priceUnit, moved.priceUnit()),
        moved.dateCreated(),
        moved.dateUpdated(),
        moved.version());
  }

  private static <T> T or(T given, T kept) {
    return given != null ? given : kept;
  }
}
