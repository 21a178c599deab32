package io.flightdeck.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.flightdeck.record.CallStatus;
import io.flightdeck.record.LifecycleRecord;
import io.flightdeck.record.MessageStatus;
import io.flightdeck.record.examples.ExampleRecords;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The published contract of {@code records.completed} (see record-contract's EVENTS.md): every
 * event the producer writes is valid under its type's schema, and the schemas stay compatible with
 * the copies published to consumers ({@code src/test/resources/published/}). A change that breaks a
 * consumer fails the build here; it needs a new event type instead.
 */
class EventContractTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant CREATED = Instant.parse("2026-11-23T10:15:30.123456Z");

  /** Every event type the producer writes, with its schema's file name. */
  private static final Map<String, String> SCHEMAS =
      Map.of(
          CompletedRecordEvents.CALL_COMPLETED_V1, "call-completed.v1.schema.json",
          CompletedRecordEvents.MESSAGE_COMPLETED_V1, "message-completed.v1.schema.json");

  static Stream<LifecycleRecord> completedRecords() {
    Stream<LifecycleRecord> calls =
        Arrays.stream(CallStatus.values())
            .filter(CallStatus::terminal)
            .flatMap(
                status ->
                    Stream.of(
                        ExampleRecords.fullCall(status, CREATED),
                        ExampleRecords.sparseCall(status, CREATED)));
    Stream<LifecycleRecord> messages =
        Arrays.stream(MessageStatus.values())
            .filter(MessageStatus::terminal)
            .flatMap(
                status ->
                    Stream.of(
                        ExampleRecords.fullMessage(status, CREATED),
                        ExampleRecords.sparseMessage(status, CREATED)));
    return Stream.concat(calls, messages);
  }

  @ParameterizedTest
  @MethodSource("completedRecords")
  void everyEventIsValidUnderItsTypesSchema(LifecycleRecord record) throws IOException {
    JsonNode event = JSON.readTree(CompletedRecordEvents.completed(record));
    String type = event.get("type").asText();
    assertThat(SCHEMAS).as("event types with a published schema").containsKey(type);

    Set<ValidationMessage> problems = validator(current(SCHEMAS.get(type))).validate(event);

    assertThat(problems).as("%s against %s", event, SCHEMAS.get(type)).isEmpty();
  }

  @Test
  void everySchemaIsCompatibleWithItsPublishedVersion() {
    SCHEMAS
        .values()
        .forEach(
            file ->
                assertThat(SchemaCompatibility.breakingChanges(published(file), current(file)))
                    .as("changes to %s that break its consumers", file)
                    .isEmpty());
  }

  @Test
  void theCompatibilityRuleCatchesWhatBreaksConsumers() {
    JsonNode published = published("call-completed.v1.schema.json");
    ObjectNode changed = published.deepCopy();
    ObjectNode data = (ObjectNode) changed.get("properties").get("data");
    ObjectNode fields = (ObjectNode) data.get("properties");
    fields.remove("duration");
    fields.putObject("version").put("type", "string");
    ((ArrayNode) fields.get("status").get("enum")).add("on-hold");
    ((ObjectNode) fields.get("to"))
        .set("type", JSON.createArrayNode().add("string").add("null").add("integer"));
    ((ArrayNode) data.get("required")).remove(0);
    fields.putObject("new_field").put("type", "string");

    assertThat(SchemaCompatibility.breakingChanges(published, changed))
        .containsExactlyInAnyOrder(
            "data.duration: removed",
            "data.version: type widened from [integer] to [string]",
            "data.status: enum value \"on-hold\" added",
            "data.to: type widened from [null, string] to [integer, null, string]",
            "data: sid is no longer required");
  }

  private static JsonSchema validator(JsonNode schema) {
    SchemaValidatorsConfig config =
        SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema, config);
  }

  private static JsonNode current(String file) {
    return read("/io/flightdeck/event/" + file);
  }

  private static JsonNode published(String file) {
    return read("/published/" + file);
  }

  private static JsonNode read(String resource) {
    try (InputStream in = EventContractTest.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
