package io.flightdeck.inflight.lifecycle;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.CallStatus;
import io.flightdeck.record.FieldLimits;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import java.time.Instant;

/**
 * A producer's create request: the call's opening status (default {@code queued}) and the fields
 * known when it starts. The Sid is minted here unless the producer brings its own. Every field is
 * held to record-contract's {@link FieldLimits}.
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
  public SidKind mintedKind() {
    return SidKind.CALL;
  }

  @Override
  public CallRecord toRecord(Sid account, Instant now, String callSid) {
    requireAddresses();
    CallRecord record =
        new CallRecord(
            callSid,
            account.value(),
            parentCallSid,
            status == null ? CallStatus.QUEUED : status,
            direction == null ? "outbound-api" : direction,
            from,
            to,
            null,
            null,
            callerName,
            forwardedFrom,
            null,
            phoneNumberSid,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            now,
            now,
            1);
    FieldLimits.check(record);
    return record;
  }
}
