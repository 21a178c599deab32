package io.flightdeck.postflight.operations.pivot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/**
 * What a pivot does, stored as the operation's parameters: the shard, its primary when the pivot
 * started ({@code from}: the servers keep their names when they change places), the replica
 * promoted to its primary, and whether it is a forced failover (the primary is down: no write
 * block, and the writes it did not replicate are lost).
 */
public record Pivot(String shard, String from, String candidate, boolean force) {
  private static final ObjectMapper JSON = new ObjectMapper();

  String toJson() {
    try {
      return JSON.writeValueAsString(
          Map.of("shard", shard, "from", from, "candidate", candidate, "force", force));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static Pivot fromJson(String stored) {
    try {
      JsonNode node = JSON.readTree(stored);
      return new Pivot(
          node.get("shard").asText(),
          node.get("from").asText(),
          node.get("candidate").asText(),
          node.path("force").asBoolean(false));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored pivot parameters unreadable: " + stored, e);
    }
  }
}
