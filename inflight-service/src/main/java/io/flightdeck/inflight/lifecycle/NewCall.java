package io.flightdeck.inflight.lifecycle;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.CallStatus;
import io.flightdeck.record.InvalidFieldException;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import java.time.Instant;

/**
 * A producer's create request: the call's opening status (default {@code queued}) and the fields
 * known when it starts. The Sid is minted here unless the producer brings its own.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NewCall(
    String sid,
    CallStatus status,
    String direction,
    String from,
    String to,
    String parentCallSid,
    String callerName,
    String forwardedFrom,
    String phoneNumberSid)
    implements NewRecord<CallRecord> {

  @Override
  public CallRecord toRecord(Sid account, Instant now) {
    String callSid = sid == null ? Sid.mint(SidKind.CALL).value() : Sid.parse(SidKind.CALL, "sid", sid).value();
    if (parentCallSid != null) {
      Sid.parse(SidKind.CALL, "parent_call_sid", parentCallSid);
    }
    if (to == null || to.isBlank()) {
      throw new InvalidFieldException("to", "to is required");
    }
    if (from == null || from.isBlank()) {
      throw new InvalidFieldException("from", "from is required");
    }
    return new CallRecord(
        callSid, account.value(), parentCallSid, status == null ? CallStatus.QUEUED : status,
        direction == null ? "outbound-api" : direction, from, to, null, null, callerName,
        forwardedFrom, null, phoneNumberSid, null, null, null, null, null, null, null, null, now,
        now, 1);
  }
}
