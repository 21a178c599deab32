package io.flightdeck.record;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * A call as every service stores and exchanges it: the fields of Twilio's Call resource under their
 * public names (snake_case on the wire), plus {@code version}, which grows by one with every
 * applied change and orders the copies of one record wherever they travel.
 *
 * <p>Dates are instants; the public API prints them in RFC 2822, internal APIs and events in
 * ISO-8601. Derived fields of the public resource ({@code uri}, {@code subresource_uris}, {@code
 * api_version}) are not part of the record.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CallRecord(
    String sid,
    String accountSid,
    String parentCallSid,
    CallStatus status,
    String direction,
    String from,
    String to,
    String fromFormatted,
    String toFormatted,
    String callerName,
    String forwardedFrom,
    String answeredBy,
    String phoneNumberSid,
    String groupSid,
    String trunkSid,
    String queueTime,
    Instant startTime,
    Instant endTime,
    String duration,
    String price,
    String priceUnit,
    Instant dateCreated,
    Instant dateUpdated,
    long version)
    implements LifecycleRecord {

  @JsonIgnore
  @Override
  public RecordKind kind() {
    return RecordKind.CALL;
  }

  /** The record after an applied status change at {@code at}: one version later. */
  public CallRecord withStatus(CallStatus newStatus, Instant at) {
    return new CallRecord(
        sid,
        accountSid,
        parentCallSid,
        newStatus,
        direction,
        from,
        to,
        fromFormatted,
        toFormatted,
        callerName,
        forwardedFrom,
        answeredBy,
        phoneNumberSid,
        groupSid,
        trunkSid,
        queueTime,
        startTime,
        endTime,
        duration,
        price,
        priceUnit,
        dateCreated,
        at,
        version + 1);
  }
}
