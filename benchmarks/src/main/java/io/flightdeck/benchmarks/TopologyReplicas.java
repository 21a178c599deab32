package io.flightdeck.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flightdeck.servers.MariaDbEndpoint;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A shard's replicas changed through postflight-service's topology document: read with {@code GET
 * /admin/v1/Topology}, the shard's replica list replaced, written back with {@code PUT} (its {@code
 * catalogue_version} kept, so a change made meanwhile is refused, not overwritten).
 */
final class TopologyReplicas {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TopologyReplicas() {}

  /**
   * Makes the server the shard's one replica.
   *
   * @param role {@code backup} (a pivot candidate) or {@code reads} (serves reads)
   */
  static void set(
      ServiceClient admin,
      String shard,
      String name,
      MariaDbEndpoint server,
      String database,
      String role)
      throws Exception {
    replace(
        admin,
        shard,
        replicas ->
            replicas
                .addObject()
                .put("name", name)
                .put("host", server.host())
                .put("port", server.port())
                .put("user", server.user())
                .put("password", server.password())
                .put("database", database)
                .put("role", role));
  }

  /** Leaves the shard without replicas; every instance reads its primary a poll later. */
  static void clear(ServiceClient admin, String shard) throws Exception {
    replace(admin, shard, replicas -> {});
  }

  /** Waits until the shard's first replica serves reads. */
  static void awaitServingReads(ServiceClient admin, String shard, Duration timeout)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (JsonNode s : admin.get("/admin/v1/Topology").path("shards")) {
        if (shard.equals(s.path("id").asText())
            && s.path("replicas").path(0).path("state").path("serving_reads").asBoolean()) {
          return;
        }
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(
        "the replica of " + shard + " did not serve reads within " + timeout);
  }

  private static void replace(ServiceClient admin, String shard, Consumer<ArrayNode> replicas)
      throws Exception {
    ObjectNode topology = (ObjectNode) admin.get("/admin/v1/Topology");
    for (JsonNode s : topology.path("shards")) {
      if (shard.equals(s.path("id").asText())) {
        replicas.accept(((ObjectNode) s).putArray("replicas"));
      }
    }
    admin.putJson("/admin/v1/Topology", JSON.writeValueAsString(topology), 200);
  }
}
