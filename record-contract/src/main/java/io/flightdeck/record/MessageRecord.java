package io.flightdeck.record;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * A message as every service stores and exchanges it: the fields of Twilio's Message resource under
 * their public names, plus {@code version} (see {@link CallRecord} for the conventions). {@code
 * error_code} is a number, as Twilio sends it; the other numeric-looking fields are strings.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MessageRecord(
    String sid,
    String accountSid,
    MessageStatus status,
    String direction,
    String from,
    String to,
    String body,
    String messagingServiceSid,
    String numMedia,
    String numSegments,
    Integer errorCode,
    String errorMessage,
    String price,
    String priceUnit,
    Instant dateSent,
    Instant dateCreated,
    Instant dateUpdated,
    long version)
    implements LifecycleRecord {

  @JsonIgnore
  @Override
  public RecordKind kind() {
    return RecordKind.MESSAGE;
  }
}
