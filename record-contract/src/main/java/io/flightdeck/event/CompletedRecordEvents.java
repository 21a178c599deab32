package io.flightdeck.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventDeserializationException;
import io.cloudevents.jackson.JsonFormat;
import io.flightdeck.record.CallRecord;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.MessageRecord;
import io.flightdeck.record.RecordKind;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;

/**
 * Writes and reads the completed-record events of {@link Topics#RECORDS_COMPLETED}: CloudEvents 1.0
 * in structured JSON mode, the record in {@code data} under its public field names plus {@code
 * version}. One event type per record kind; their schemas are {@code
 * io/flightdeck/event/call-completed.v1.schema.json} and {@code message-completed.v1.schema.json}.
 *
 * <p>The event id is the Sid and the record version ({@code CA….7}): consumers de-duplicate by it.
 * Thread-safe.
 */
public final class CompletedRecordEvents {
  /** The event type of a finished call; an incompatible change gets a new type, never this one. */
  public static final String CALL_COMPLETED_V1 = "io.flightdeck.call.completed.v1";

  /** The event type of a finished message. */
  public static final String MESSAGE_COMPLETED_V1 = "io.flightdeck.message.completed.v1";

  public static final String CONTENT_TYPE = JsonFormat.CONTENT_TYPE;

  private static final URI SOURCE = URI.create("/flightdeck/inflight-service");
  private static final JsonFormat FORMAT = new JsonFormat();
  private static final ObjectMapper DATA =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private CompletedRecordEvents() {}

  public static String eventId(String sid, long version) {
    return sid + "." + version;
  }

  /** The event announcing that this record reached a terminal status, as the bytes to publish. */
  public static byte[] completed(LifecycleRecord record) {
    try {
      CloudEvent event =
          CloudEventBuilder.v1()
              .withId(eventId(record.sid(), record.version()))
              .withSource(SOURCE)
              .withType(typeOf(record.kind()))
              .withSubject(record.sid())
              .withTime(record.dateUpdated().atOffset(ZoneOffset.UTC))
              .withDataContentType("application/json")
              .withExtension("accountsid", record.accountSid())
              .withData(DATA.writeValueAsBytes(record))
              .build();
      return FORMAT.serialize(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a record always serializes", e);
    }
  }

  private static String typeOf(RecordKind kind) {
    return switch (kind) {
      case CALL -> CALL_COMPLETED_V1;
      case MESSAGE -> MESSAGE_COMPLETED_V1;
    };
  }

  /**
   * Reads a completed-record event of either kind.
   *
   * @throws MalformedEventException when the bytes are not such an event, with the reason
   */
  public static LifecycleRecord read(byte[] bytes) {
    CloudEvent event;
    try {
      event = FORMAT.deserialize(bytes);
    } catch (EventDeserializationException | IllegalStateException e) {
      throw new MalformedEventException("not a CloudEvents JSON event: " + e.getMessage(), e);
    }
    Class<? extends LifecycleRecord> type;
    if (CALL_COMPLETED_V1.equals(event.getType())) {
      type = CallRecord.class;
    } else if (MESSAGE_COMPLETED_V1.equals(event.getType())) {
      type = MessageRecord.class;
    } else {
      throw new MalformedEventException("unsupported event type '" + event.getType() + "'", null);
    }
    if (event.getData() == null) {
      throw new MalformedEventException("event " + event.getId() + " has no data", null);
    }
    try {
      return DATA.readValue(event.getData().toBytes(), type);
    } catch (IOException | IllegalArgumentException e) {
      throw new MalformedEventException(
          "event " + event.getId() + " carries no readable record: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a completed-call event, for consumers that only take calls.
   *
   * @throws MalformedEventException when the bytes are not a completed-call event
   */
  public static CallRecord readCallCompleted(byte[] bytes) {
    if (read(bytes) instanceof CallRecord call) {
      return call;
    }
    throw new MalformedEventException("not a completed-call event", null);
  }

  public static String asText(byte[] event) {
    return new String(event, StandardCharsets.UTF_8);
  }
}
