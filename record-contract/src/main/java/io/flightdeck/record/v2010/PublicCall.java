package io.flightdeck.record.v2010;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.flightdeck.record.CallRecord;
import java.util.Map;

/**
 * A call as the public v2010 API shows it: Twilio's 26 fields, every key present ({@code null}
 * where empty), dates in RFC 2822, numbers that Twilio sends as strings as strings.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder(alphabetic = true)
public record PublicCall(
    String accountSid,
    String answeredBy,
    String apiVersion,
    String callerName,
    String dateCreated,
    String dateUpdated,
    String direction,
    String duration,
    String endTime,
    String forwardedFrom,
    String from,
    String fromFormatted,
    String groupSid,
    String parentCallSid,
    String phoneNumberSid,
    String price,
    String priceUnit,
    String queueTime,
    String sid,
    String startTime,
    String status,
    Map<String, String> subresourceUris,
    String to,
    String toFormatted,
    String trunkSid,
    String uri) {

  public static PublicCall of(CallRecord c) {
    String base = Wire.accountPath(c.accountSid()) + "/Calls/" + c.sid();
    return new PublicCall(
        c.accountSid(),
        c.answeredBy(),
        Wire.API_VERSION,
        c.callerName(),
        Rfc2822.format(c.dateCreated()),
        Rfc2822.format(c.dateUpdated()),
        c.direction(),
        c.duration(),
        Rfc2822.format(c.endTime()),
        c.forwardedFrom(),
        c.from(),
        c.fromFormatted(),
        c.groupSid(),
        c.parentCallSid(),
        c.phoneNumberSid(),
        c.price(),
        Wire.priceUnit(c.priceUnit()),
        c.queueTime(),
        c.sid(),
        Rfc2822.format(c.startTime()),
        c.status().wireName(),
        Wire.subresources(base, "notifications", "recordings", "events"),
        c.to(),
        c.toFormatted(),
        c.trunkSid(),
        base + ".json");
  }
}
