package io.flightdeck.postflight.admin;

import static io.flightdeck.postflight.TestCallers.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flightdeck.postflight.WithRealServers;
import io.flightdeck.servers.MariaDbEndpoint;
import io.flightdeck.servers.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The declarative topology through its REST API: shown with each server's state, and a document
 * that is wrong (as a document, or against the servers) refused with a 400 naming the field while
 * the topology in force stays as it was. The pre-checks of a pivot refuse a shard without replica.
 */
@QuarkusTest
@WithRealServers
class TopologyAdminIT {

  @Test
  void theTopologyShowsEveryShardsPrimaryWithItsIdsAndState() {
    JsonPath topology = topology();
    MariaDbEndpoint shard0 = TestServers.mariaDb("shard-0");
    @SuppressWarnings("unchecked")
    Map<String, Object> primary = (Map<String, Object>) shard(topology, "shard-0").get("primary");
    assertThat(primary)
        .containsEntry("name", "shard-0")
        .containsEntry("port", shard0.port())
        .containsEntry("server_id", shard0.port())
        .doesNotContainKey("password");
    assertThat(primary.get("state")).isEqualTo(Map.of("reachable", true, "read_only", false));
    assertThat(topology.getLong("catalogue_version")).isPositive();
  }

  @Test
  void aReplicaThatIsNotReadOnlyIsRefusedNamingItAndNothingChanges() {
    JsonPath before = topology();
    MariaDbEndpoint control = TestServers.mariaDb("control");
    Map<String, Object> replica = new HashMap<>();
    replica.put("name", "not-a-replica");
    replica.put("host", control.host());
    replica.put("port", control.port());
    replica.put("user", control.user());
    replica.put("password", control.password());
    replica.put("database", "mysql");
    Map<String, Object> document = withReplica(before, "shard-0", replica);

    int index = shardIndex(before, "shard-0");
    put(document)
        .statusCode(400)
        .body("message", containsString("shards[%d].replicas[0]".formatted(index)))
        .body("message", containsString("read_only OFF"));
    assertThat(topology().getLong("catalogue_version"))
        .isEqualTo(before.getLong("catalogue_version"));
    assertThat(shard(topology(), "shard-0").get("replicas")).isEqualTo(List.of());
  }

  @Test
  void aDocumentWrongAsADocumentIsRefusedNamingTheField() {
    JsonPath before = topology();
    int index = shardIndex(before, "shard-1");
    Map<String, Object> document = document(before);
    primaryOf(document, "shard-1").put("name", "shard-0");
    put(document)
        .statusCode(400)
        .body("message", containsString("shards[%d].primary.name".formatted(index)));

    document = document(before);
    primaryOf(document, "shard-1").put("server_id", 1);
    put(document)
        .statusCode(400)
        .body("message", containsString("shards[%d].primary.server_id".formatted(index)));

    document = document(before);
    primaryOf(document, "shard-1").put("port", 0);
    put(document)
        .statusCode(400)
        .body("message", containsString("shards[%d].primary.port".formatted(index)));
    assertThat(topology().getLong("catalogue_version"))
        .isEqualTo(before.getLong("catalogue_version"));
  }

  @Test
  void aDocumentWithoutACatalogueShardOrOfAnOldVersionIsAConflict() {
    JsonPath before = topology();
    Map<String, Object> document = document(before);
    @SuppressWarnings("unchecked")
    List<Object> shards = (List<Object>) document.get("shards");
    shards.remove(shardIndex(before, "shard-1"));
    put(document).statusCode(409).body("message", containsString("exactly the catalogue's shards"));

    document = document(before);
    document.put("catalogue_version", before.getLong("catalogue_version") - 1);
    put(document).statusCode(409).body("message", containsString("catalogue_version"));
  }

  @Test
  void theSameDocumentPutBackChangesNothing() {
    // The first time, the ids read from the servers become declared ones.
    put(document(topology())).statusCode(200);
    JsonPath before = topology();
    put(document(before))
        .statusCode(200)
        .body("catalogue_version", equalTo(before.getInt("catalogue_version")));
  }

  @Test
  void aShardWithoutReplicaCannotPivotAndEachCheckSaysWhy() {
    JsonPath status =
        operator()
            .get("/admin/v1/Shards/shard-0/PivotStatus")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(status.getBoolean("ready")).isFalse();
    assertThat(status.getString("checks.find { it.name == 'candidate' }.reason"))
        .contains("has no replica");
    assertThat(status.getBoolean("checks.find { it.name == 'primary-reachable' }.passed")).isTrue();

    operator()
        .contentType(ContentType.JSON)
        .body(Map.of())
        .post("/admin/v1/Shards/shard-0/Pivots")
        .then()
        .statusCode(409)
        .body("message", containsString("candidate: shard shard-0 has no replica"));
    operator().get("/admin/v1/Shards/no-such-shard/PivotStatus").then().statusCode(404);
  }

  private static JsonPath topology() {
    return operator().get("/admin/v1/Topology").then().statusCode(200).extract().jsonPath();
  }

  private static io.restassured.response.ValidatableResponse put(Map<String, Object> document) {
    return operator().contentType(ContentType.JSON).body(document).put("/admin/v1/Topology").then();
  }

  /** A copy of the document as GET shows it, to change and send back. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> document(JsonPath topology) {
    try {
      return new ObjectMapper().readValue(topology.prettify(), Map.class);
    } catch (JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  private static int shardIndex(JsonPath topology, String id) {
    return topology.getList("shards.id").indexOf(id);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> shard(JsonPath topology, String id) {
    return topology.getList("shards", Map.class).get(shardIndex(topology, id));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> primaryOf(Map<String, Object> document, String id) {
    for (Object shard : (List<Object>) document.get("shards")) {
      Map<String, Object> s = (Map<String, Object>) shard;
      if (s.get("id").equals(id)) {
        return (Map<String, Object>) s.get("primary");
      }
    }
    throw new AssertionError("no shard " + id);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> withReplica(
      JsonPath topology, String id, Map<String, Object> replica) {
    Map<String, Object> document = document(topology);
    for (Object shard : (List<Object>) document.get("shards")) {
      Map<String, Object> s = (Map<String, Object>) shard;
      if (s.get("id").equals(id)) {
        List<Object> replicas = new ArrayList<>((List<Object>) s.get("replicas"));
        replicas.add(replica);
        s.put("replicas", replicas);
      }
    }
    return document;
  }
}
