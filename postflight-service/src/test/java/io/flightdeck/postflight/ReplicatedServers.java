package io.flightdeck.postflight;

import static io.flightdeck.postflight.TestCallers.operator;

import io.flightdeck.servers.MariaDbEndpoint;
import io.flightdeck.servers.MariaDbServer;
import io.flightdeck.servers.testing.TestServers;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;

/**
 * Two test MariaDB servers of their own for a shard with a replica (pivots, replica reads), and the
 * schemas of one run on them. Servers are kept between runs of the tests on one machine, so each
 * run starts them as neither replica nor read only and drops the schemas earlier runs left.
 */
public final class ReplicatedServers {
  private ReplicatedServers() {}

  /**
   * Starts both servers, fresh as above, dropping the schemas named {@code <prefix>_…}; returns the
   * primary's endpoint.
   */
  public static MariaDbEndpoint fresh(String primary, String replica, String prefix) {
    TestServers.mariaDb(primary);
    TestServers.mariaDb(replica);
    for (String store : List.of(primary, replica)) {
      MariaDbServer server = TestServers.servers().mariaDb(store);
      server.sql("STOP ALL SLAVES; RESET SLAVE ALL; SET GLOBAL read_only = 0");
      for (String old :
          server
              .sql(
                  "SELECT schema_name FROM information_schema.schemata"
                      + " WHERE schema_name LIKE '"
                      + prefix.replace("_", "\\_")
                      + "\\_%'")
              .lines()
              .map(String::strip)
              .filter(s -> !s.isEmpty())
              .toList()) {
        server.sql("SET SESSION sql_log_bin = 0; DROP DATABASE `" + old + "`");
      }
    }
    return TestServers.mariaDb(primary);
  }

  /**
   * A schema of this run's, {@code <prefix>_<run>_<name>}: the run is kept in a system property,
   * the one place a test profile and its test (loaded by different class loaders) share.
   */
  public static String schema(String prefix, String name) {
    Object run =
        System.getProperties()
            .computeIfAbsent(
                "flightdeck.test." + prefix + ".run",
                key -> java.util.UUID.randomUUID().toString().substring(0, 8));
    return prefix + "_" + run + "_" + name;
  }

  /**
   * Makes {@code replica} a GTID replica of {@code primary} for shard-1's {@code schema}, then adds
   * it to shard-1 in the topology as {@code name}, serving reads ({@code PUT /admin/v1/Topology},
   * based on the catalogue version just read).
   */
  public static void addShard1Replica(String primary, String replica, String name, String schema) {
    MariaDbServer copy = TestServers.servers().mariaDb(replica);
    copy.replicateFrom(TestServers.servers().mariaDb(primary), schema);
    Map<String, Object> server = TestShards.server(copy.endpoint(), schema);
    server.put("name", name);
    server.put("role", "reads");
    Map<String, Object> document = topology().getMap("");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> shards = (List<Map<String, Object>>) document.get("shards");
    for (Map<String, Object> shard : shards) {
      if (shard.get("id").equals("shard-1")) {
        shard.put("replicas", List.of(server));
      }
    }
    operator()
        .contentType(ContentType.JSON)
        .body(document)
        .put("/admin/v1/Topology")
        .then()
        .statusCode(200);
  }

  /** {@code GET /admin/v1/Topology}, as an operator. */
  public static JsonPath topology() {
    return operator().get("/admin/v1/Topology").then().statusCode(200).extract().jsonPath();
  }
}
