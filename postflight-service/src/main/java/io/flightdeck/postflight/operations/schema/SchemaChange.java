package io.flightdeck.postflight.operations.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;

/**
 * What a schema change does, stored as the operation's parameters: the shard, its primary when the
 * change started ({@code from}), the replica that a pivot makes the primary once it is changed
 * (empty: the shard has no replica, and its primary is changed in place), and the version every
 * server ends at. The fields a pivot reads ({@code shard}, {@code from}, {@code candidate}, {@code
 * force}) have the pivot's names, so the change runs the pivot's own steps on the same parameters.
 */
public record SchemaChange(String shard, String from, Optional<String> candidate, String target) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Whether the primary is changed where it is, with no pivot. */
  public boolean inPlace() {
    return candidate.isEmpty();
  }

  String toJson() {
    try {
      return JSON.writeValueAsString(
          Map.of(
              "shard", shard,
              "from", from,
              "candidate", candidate.orElse(""),
              "force", false,
              "target", target));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static SchemaChange fromJson(String stored) {
    try {
      JsonNode node = JSON.readTree(stored);
      String candidate = node.get("candidate").asText();
      return new SchemaChange(
          node.get("shard").asText(),
          node.get("from").asText(),
          candidate.isEmpty() ? Optional.empty() : Optional.of(candidate),
          node.get("target").asText());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored schema change parameters unreadable: " + stored, e);
    }
  }
}
