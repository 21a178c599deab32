package io.flightdeck.inflight.lifecycle;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.flightdeck.record.InvalidFieldException;
import io.flightdeck.record.MessageRecord;
import io.flightdeck.record.MessageStatus;
import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import java.time.Instant;

/**
 * A producer's create request for a message: its opening status (default {@code accepted}; an
 * inbound message may start {@code receiving} or even {@code received}) and what is known when it
 * starts. The Sid is minted here (SM…) unless the producer brings its own (SM… or MM…).
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

  private static final int MAX_BODY = 1600;

  @Override
  public MessageRecord toRecord(Sid account, Instant now) {
    String messageSid = sid == null ? Sid.mint(SidKind.MESSAGE).value() : Sid.parse(SidKind.MESSAGE, "sid", sid).value();
    if (to == null || to.isBlank()) {
      throw new InvalidFieldException("to", "to is required");
    }
    if (from == null || from.isBlank()) {
      throw new InvalidFieldException("from", "from is required");
    }
    if (body != null && body.length() > MAX_BODY) {
      throw new InvalidFieldException("body", "body must be at most " + MAX_BODY + " characters");
    }
    if (messagingServiceSid != null && !messagingServiceSid.matches("MG[0-9a-fA-F]{32}")) {
      throw new InvalidFieldException("messaging_service_sid", "messaging_service_sid must be MG followed by 32 hex digits");
    }
    Counts.check("num_media", numMedia);
    Counts.check("num_segments", numSegments);
    return new MessageRecord(
        messageSid, account.value(), status == null ? MessageStatus.ACCEPTED : status,
        direction == null ? "outbound-api" : direction, from, to, body, messagingServiceSid,
        numMedia == null ? "0" : numMedia, numSegments == null ? "1" : numSegments, null, null, null,
        null, null, now, now, 1);
  }
}
