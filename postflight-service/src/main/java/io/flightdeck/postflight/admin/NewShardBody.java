package io.flightdeck.postflight.admin;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.flightdeck.postflight.store.DatabaseServer;
import io.flightdeck.postflight.store.ShardDefinition;
import io.flightdeck.record.InvalidFieldException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A shard to add, as an operator sends it: {@code {"id": "shard-2", "primary": {"host": …, "port":
 * …, "user": …, "password": …, "database": "postflight"}, "replicas": [], "pool_size": 16}}. Read
 * into a {@link ShardDefinition} by {@link #definition()}, which names the first field that is
 * missing or wrong.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record NewShardBody(String id, Server primary, List<Server> replicas, Integer poolSize) {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
  private static final Pattern SCHEMA = Pattern.compile("[A-Za-z0-9_]{1,64}");
  private static final int DEFAULT_POOL_SIZE = 16;

  /** Where one server listens and how to log in; the schema defaults to {@code postflight}. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Server(String host, Integer port, String user, String password, String database) {
    DatabaseServer server(String field) {
      if (host == null || host.isBlank()) {
        throw new InvalidFieldException(field + ".host", field + ".host is required");
      }
      if (port == null || port < 1 || port > 65535) {
        throw new InvalidFieldException(field + ".port", field + ".port must be 1..65535");
      }
      if (user == null || user.isBlank()) {
        throw new InvalidFieldException(field + ".user", field + ".user is required");
      }
      if (password == null) {
        throw new InvalidFieldException(
            field + ".password", field + ".password is required (it may be empty)");
      }
      String schema = database == null ? "postflight" : database;
      if (!SCHEMA.matcher(schema).matches()) {
        throw new InvalidFieldException(
            field + ".database",
            field + ".database must be 1 to 64 letters, digits or underscores");
      }
      return new DatabaseServer(host, port, user, password, schema);
    }
  }

  /** The shard to add, or a 400 naming the first field that is missing or wrong. */
  ShardDefinition definition() {
    if (id == null || !ID.matcher(id).matches()) {
      throw new InvalidFieldException(
          "id",
          "id must be 1 to 64 letters, digits, '-' or '_', starting with a letter or digit, got "
              + (id == null ? "nothing" : "'" + InvalidFieldException.shown(id) + "'"));
    }
    if (primary == null) {
      throw new InvalidFieldException("primary", "primary is required");
    }
    int size = poolSize == null ? DEFAULT_POOL_SIZE : poolSize;
    if (size < 1 || size > 256) {
      throw new InvalidFieldException("pool_size", "pool_size must be 1..256, got " + size);
    }
    List<DatabaseServer> replicaServers = new ArrayList<>();
    List<Server> given = replicas == null ? List.of() : replicas;
    for (int i = 0; i < given.size(); i++) {
      if (given.get(i) == null) {
        throw new InvalidFieldException("replicas[" + i + "]", "replicas[" + i + "] is empty");
      }
      replicaServers.add(given.get(i).server("replicas[" + i + "]"));
    }
    return new ShardDefinition(id, primary.server("primary"), replicaServers, size);
  }
}
