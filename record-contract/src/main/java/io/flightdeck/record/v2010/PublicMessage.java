package io.flightdeck.record.v2010;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.flightdeck.record.MessageRecord;
import java.util.Map;

/**
 * A message as the public v2010 API shows it: Twilio's 20 fields, every key present ({@code null}
 * where empty), dates in RFC 2822, {@code error_code} a number and the other numeric-looking fields
 * strings, as Twilio sends them.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder(alphabetic = true)
public record PublicMessage(
    String accountSid,
    String apiVersion,
    String body,
    String dateCreated,
    String dateSent,
    String dateUpdated,
    String direction,
    Integer errorCode,
    String errorMessage,
    String from,
    String messagingServiceSid,
    String numMedia,
    String numSegments,
    String price,
    String priceUnit,
    String sid,
    String status,
    Map<String, String> subresourceUris,
    String to,
    String uri) {

  public static PublicMessage of(MessageRecord m) {
    String base = Wire.accountPath(m.accountSid()) + "/Messages/" + m.sid();
    return new PublicMessage(
        m.accountSid(),
        Wire.API_VERSION,
        m.body(),
        Rfc2822.format(m.dateCreated()),
        Rfc2822.format(m.dateSent()),
        Rfc2822.format(m.dateUpdated()),
        m.direction(),
        m.errorCode(),
        m.errorMessage(),
        m.from(),
        m.messagingServiceSid(),
        m.numMedia(),
        m.numSegments(),
        m.price(),
        Wire.priceUnit(m.priceUnit()),
        m.sid(),
        m.status().wireName(),
        Wire.subresources(base, "media", "feedback"),
        m.to(),
        base + ".json");
  }
}
