package io.flightdeck.inflight.lifecycle;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.flightdeck.record.FieldLimits;
import io.flightdeck.record.MessageRecord;
import io.flightdeck.record.MessageStatus;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import java.time.Instant;

/**
 * A producer's create request for a message: its opening status (default {@code accepted}; an
 * inbound message may start {@code receiving} or even {@code received}) and what is known when it
 * starts. The Sid is minted here (SM…) unless the producer brings its own (SM… or MM…). Every field
 * is held to record-contract's {@link FieldLimits}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NewMessage(
    String sid,
    MessageStatus status,
    String direction,
    String from,
    String to,
    String body,
    String messagingServiceSid,
    String numMedia,
    String numSegments)
    implements NewRecord<MessageRecord> {

  @Override
  public SidKind mintedKind() {
    return SidKind.MESSAGE;
  }

  @Override
  public MessageRecord toRecord(Sid account, Instant now, String messageSid) {
    requireAddresses();
    MessageRecord record =
        new MessageRecord(
            messageSid,
            account.value(),
            status == null ? MessageStatus.ACCEPTED : status,
            direction == null ? "outbound-api" : direction,
            from,
            to,
            body,
            messagingServiceSid,
            numMedia == null ? "0" : numMedia,
            numSegments == null ? "1" : numSegments,
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
