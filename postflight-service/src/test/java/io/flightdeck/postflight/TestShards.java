package io.flightdeck.postflight;

import static io.flightdeck.postflight.TestCallers.operator;

import io.flightdeck.servers.MariaDbEndpoint;
import io.flightdeck.servers.testing.TestServers;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.Map;

/**
 * Shards a test adds to the catalogue through the admin API, each a fresh schema on the test
 * servers' shard-0 MariaDB (a split's target, a replica's copy), and the server documents that API
 * takes.
 */
public final class TestShards {
  private TestShards() {}

  /**
   * A server document's connection fields ({@code host}, {@code port}, {@code user}, {@code
   * password}, {@code database}), mutable so that a caller may add a name or a role.
   */
  public static Map<String, Object> server(MariaDbEndpoint endpoint, String database) {
    Map<String, Object> server = new HashMap<>();
    server.put("host", endpoint.host());
    server.put("port", endpoint.port());
    server.put("user", endpoint.user());
    server.put("password", endpoint.password());
    server.put("database", database);
    return server;
  }

  /**
   * Adds shard {@code id}: schema {@code database} on the test server {@code server}, e.g. {@code
   * shard-0} ({@code 201}).
   */
  public static void add(String id, String server, String database, int poolSize) {
    operator()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "id",
                id,
                "primary",
                server(TestServers.mariaDb(server), database),
                "pool_size",
                poolSize))
        .post("/admin/v1/Shards")
        .then()
        .statusCode(201);
  }

  /** Removes a shard the test added ({@code 204}). */
  public static void remove(String id) {
    operator().delete("/admin/v1/Shards/" + id).then().statusCode(204);
  }
}
