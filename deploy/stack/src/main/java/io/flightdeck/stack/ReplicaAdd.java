package io.flightdeck.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flightdeck.servers.MariaDbEndpoint;
import io.flightdeck.servers.MariaDbReplica;
import io.flightdeck.servers.MariaDbServer;
import io.flightdeck.servers.Server;
import io.flightdeck.servers.ServerStartException;
import java.io.PrintStream;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * {@code replica add SHARD [--name NAME]}: finds the shard's primary in postflight-service's
 * topology, starts a MariaDB server for the replica (recorded as part of the stack first, so {@code
 * down} stops it whatever follows), makes it a read-only GTID replica of the primary ({@link
 * MariaDbServer#replicateFrom}), then adds it to the topology ({@code PUT /admin/v1/Topology}).
 *
 * <p>Every step is safe to run again: a re-run after a failure picks up the same server (a default
 * name is the first {@code <SHARD>-replica-<n>} the topology lacks) and finds what is done.
 */
final class ReplicaAdd {
  private static final String TOPOLOGY = "/admin/v1/Topology";
  private static final int PUT_ATTEMPTS = 3;

  private final Supplier<LocalStack> stacks;
  private final PostflightAdmin admin;
  private final PrintStream out;
  private final PrintStream err;

  /**
   * @param stacks the stack, read afresh after the replica is recorded (so it includes its server)
   */
  ReplicaAdd(Supplier<LocalStack> stacks, PostflightAdmin admin, PrintStream out, PrintStream err) {
    this.stacks = stacks;
    this.admin = admin;
    this.out = out;
    this.err = err;
  }

  /**
   * @return 0 when the replica is in the topology and replicating; 1 when something refused or
   *     failed (the reason printed)
   */
  int add(String shard, Optional<String> requestedName) {
    try {
      Topology topology = topology();
      Optional<JsonNode> shardNode = topology.shard(shard);
      if (shardNode.isEmpty()) {
        return refuse(
            "no shard '"
                + shard
                + "' in postflight-service's topology; there are "
                + topology.shardIds());
      }
      JsonNode primary = shardNode.get().path("primary");
      String name = requestedName.orElseGet(() -> topology.firstFreeReplicaName(shard));
      AddedServers.check(name);
      if (primary.path("name").asText().equals(name)) {
        return refuse(name + " is the primary of " + shard + ", not a replica");
      }
      Optional<JsonNode> listed = topology.replica(shard, name);
      if (listed.isPresent()
          && !AddedServers.in(stacks.get().stateFolder()).replicasOf(shard).contains(name)) {
        return refuse(
            "the topology lists "
                + shard
                + "'s replica "
                + name
                + " on "
                + listed.get().path("host").asText()
                + ":"
                + listed.get().path("port").asText()
                + ", a server this stack did not start; choose another --name");
      }
      MariaDbEndpoint replica = provision(shard, name, primary);
      if (listed.isPresent()) {
        if (listed.get().path("port").asInt() != replica.port()) {
          return refuse(
              "the topology lists "
                  + shard
                  + "'s replica "
                  + name
                  + " on port "
                  + listed.get().path("port").asInt()
                  + ", not on this stack's mariadb-"
                  + name
                  + " ("
                  + replica.port()
                  + ")");
        }
        out.printf("replica %s of %s is in the topology already, on this server%n", name, shard);
        return report(topology, shard, name);
      }
      return report(register(shard, name, replica, primary, topology), shard, name);
    } catch (PostflightAdmin.Refused e) {
      return refuse("refused (" + e.status + "): " + e.getMessage());
    } catch (ServerStartException | IllegalArgumentException | IllegalStateException e) {
      return refuse(e.getMessage());
    }
  }

  private Topology topology() {
    try {
      return new Topology(admin.get(TOPOLOGY));
    } catch (PostflightAdmin.Refused e) {
      if (e.status == 404) {
        throw new IllegalStateException(
            "postflight-service at "
                + admin.url()
                + " has no topology API (GET "
                + TOPOLOGY
                + " answered 404); is it older than this command?");
      }
      throw e;
    }
  }

  /** Records, starts and provisions the replica's server; returns its endpoint. */
  MariaDbEndpoint provision(String shard, String name, JsonNode primary) {
    LocalStack before = stacks.get();
    try (StackLock lock = StackLock.acquire(before.stateFolder())) {
      AddedServers.in(before.stateFolder()).addReplica(name, shard);
      LocalStack stack = stacks.get();
      stack.servers().start("mariadb-" + name);
      MariaDbServer replica = stack.servers().mariaDb(name);
      out.printf(
          "mariadb-%s runs on %s:%d%n", name, replica.endpoint().host(), replica.endpoint().port());
      MariaDbServer source =
          serverOn(stack, primary.path("port").asInt())
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          shard
                              + "'s primary "
                              + primary.path("host").asText()
                              + ":"
                              + primary.path("port").asText()
                              + " is no MariaDB server of this stack"));
      String database = primary.path("database").asText("postflight");
      MariaDbReplica.Provisioned provisioned = replica.replicateFrom(source, database);
      if (provisioned.cloned()) {
        out.printf(
            "cloned %s from %s at GTID %s; replicating, read_only%n",
            database, source.name(), provisioned.position());
      } else {
        out.printf("mariadb-%s replicates from %s already%n", name, source.name());
      }
      return replica.endpoint();
    }
  }

  private static Optional<MariaDbServer> serverOn(LocalStack stack, int port) {
    for (Server server : stack.servers().servers()) {
      if (server instanceof MariaDbServer mariaDb && mariaDb.port().equals(OptionalInt.of(port))) {
        return Optional.of(mariaDb);
      }
    }
    return Optional.empty();
  }

  /**
   * Adds the replica to the topology; a stale catalogue version (409) is read again and retried.
   */
  private Topology register(
      String shard, String name, MariaDbEndpoint replica, JsonNode primary, Topology topology) {
    ObjectNode entry =
        JsonNodeFactory.instance
            .objectNode()
            .put("name", name)
            .put("host", replica.host())
            .put("port", replica.port())
            .put("user", replica.user())
            .put("password", replica.password())
            .put("database", primary.path("database").asText("postflight"))
            .put("role", "reads");
    for (int attempt = 1; ; attempt++) {
      try {
        return new Topology(admin.put(TOPOLOGY, topology.withReplica(shard, entry).toString()));
      } catch (PostflightAdmin.Refused e) {
        if (e.status != 409 || attempt == PUT_ATTEMPTS) {
          throw e;
        }
        topology = new Topology(admin.get(TOPOLOGY));
        if (topology.replica(shard, name).isPresent()) {
          return topology;
        }
      }
    }
  }

  private int report(Topology topology, String shard, String name) {
    topology.lines(shard).forEach(out::println);
    boolean replicating = topology.replica(shard, name).map(Topology::replicating).orElse(false);
    if (!replicating) {
      return refuse(
          "replica "
              + name
              + " is in the topology but does not replicate; see 'deploy/flightdeck status'");
    }
    out.printf("replica %s of %s is in the topology and replicating%n", name, shard);
    return 0;
  }

  private int refuse(String reason) {
    err.println("flightdeck: " + reason);
    return 1;
  }
}
