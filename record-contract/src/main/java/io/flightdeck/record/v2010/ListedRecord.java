package io.flightdeck.record.v2010;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.WritableTypeId;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import io.flightdeck.record.ListPosition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A record as a public list shows it: its place in the list, and its v2010 JSON as the store that
 * holds it encoded it ({@link PublicLines}). The aggregator merges and pages such records without
 * decoding them, and Jackson writes each as its JSON, byte for byte ({@link RawJson}).
 *
 * @param json the record's public JSON object, UTF-8; never modified
 */
public record ListedRecord(ListPosition position, byte[] json) implements JsonSerializable {
  public String sid() {
    return position.sid();
  }

  @Override
  public void serialize(JsonGenerator out, SerializerProvider serializers) throws IOException {
    out.writeRawValue(new RawJson(json));
  }

  @Override
  public void serializeWithType(
      JsonGenerator out, SerializerProvider serializers, TypeSerializer types) throws IOException {
    WritableTypeId id = types.writeTypePrefix(out, types.typeId(this, JsonToken.START_OBJECT));
    serialize(out, serializers);
    types.writeTypeSuffix(out, id);
  }

  /** The JSON as text, for logs and tests. */
  @Override
  public String toString() {
    return new String(json, StandardCharsets.UTF_8);
  }
}
