package io.flightdeck.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * postflight-service's topology document ({@code GET/PUT /admin/v1/Topology}) as the command line
 * reads and changes it: each shard's primary and replicas, with the replicas' live state ({@code
 * state}: replicating, seconds behind, serving reads, error) in what the service answers.
 *
 * @param document the document as answered; never changed in place
 */
record Topology(JsonNode document) {

  /** The shard with this id. */
  Optional<JsonNode> shard(String id) {
    for (JsonNode shard : document.path("shards")) {
      if (shard.path("id").asText().equals(id)) {
        return Optional.of(shard);
      }
    }
    return Optional.empty();
  }

  List<String> shardIds() {
    List<String> ids = new ArrayList<>();
    document.path("shards").forEach(shard -> ids.add(shard.path("id").asText()));
    return ids;
  }

  /** The replica {@code name} of {@code shard}. */
  Optional<JsonNode> replica(String shard, String name) {
    for (JsonNode replica :
        shard(shard).map(s -> s.path("replicas")).orElseGet(MissingNode::getInstance)) {
      if (replica.path("name").asText().equals(name)) {
        return Optional.of(replica);
      }
    }
    return Optional.empty();
  }

  /** {@code <shard>-replica-<n>} with the first {@code n} from 1 that names no server here. */
  String firstFreeReplicaName(String shard) {
    Set<String> taken = new HashSet<>();
    for (JsonNode s : document.path("shards")) {
      taken.add(s.path("primary").path("name").asText());
      s.path("replicas").forEach(replica -> taken.add(replica.path("name").asText()));
    }
    for (int n = 1; ; n++) {
      String name = shard + "-replica-" + n;
      if (!taken.contains(name)) {
        return name;
      }
    }
  }

  /**
   * The document to {@code PUT}: this one, {@code replica} added to {@code shard}'s replicas, the
   * live {@code state} fields left out (the service ignores them).
   */
  JsonNode withReplica(String shard, ObjectNode replica) {
    ObjectNode changed = document.deepCopy();
    for (JsonNode s : changed.path("shards")) {
      s.path("replicas").forEach(r -> ((ObjectNode) r).remove("state"));
      if (s.path("id").asText().equals(shard)) {
        JsonNode replicas = s.path("replicas");
        (replicas.isArray() ? (ArrayNode) replicas : ((ObjectNode) s).putArray("replicas"))
            .add(replica);
      }
    }
    return changed;
  }

  /** Every shard: its primary, then a line per replica with its role and lag. */
  List<String> lines() {
    List<String> lines = new ArrayList<>();
    document.path("shards").forEach(shard -> lines.addAll(lines(shard)));
    return lines;
  }

  /** The lines of one shard. */
  List<String> lines(String id) {
    return shard(id).map(Topology::lines).orElse(List.of());
  }

  private static List<String> lines(JsonNode shard) {
    List<String> lines = new ArrayList<>();
    JsonNode replicas = shard.path("replicas");
    JsonNode source = shard.path("replicates_from");
    String from = source.isObject() ? source.path("name").asText() : source.asText("");
    lines.add(
        String.format(
            "%s: primary %s%s%s",
            shard.path("id").asText(),
            server(shard.path("primary")),
            from.isEmpty() ? "" : ", replicating from " + from,
            replicas.isEmpty() ? ", no replicas" : ""));
    for (JsonNode replica : replicas) {
      lines.add(
          String.format(
              "  replica %s (%s): %s",
              server(replica), replica.path("role").asText("reads"), state(replica.path("state"))));
    }
    return lines;
  }

  /** Whether the replica's live state says it replicates. */
  static boolean replicating(JsonNode replica) {
    return replica.path("state").path("replicating").asBoolean(false);
  }

  private static String server(JsonNode server) {
    return server.path("name").asText()
        + " "
        + server.path("host").asText()
        + ":"
        + server.path("port").asText();
  }

  private static String state(JsonNode state) {
    if (state.isMissingNode() || state.isNull()) {
      return "state unknown";
    }
    List<String> parts = new ArrayList<>();
    if (state.path("replicating").asBoolean(false)) {
      JsonNode behind = state.path("seconds_behind");
      parts.add(
          "replicating, " + (behind.isNumber() ? behind.asLong() + " s behind" : "lag unknown"));
    } else {
      parts.add("NOT replicating");
    }
    parts.add(state.path("serving_reads").asBoolean(false) ? "serving reads" : "not serving reads");
    String error = state.path("error").asText("");
    if (!error.isEmpty()) {
      parts.add("error: " + error);
    }
    return String.join(", ", parts);
  }
}
