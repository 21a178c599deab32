package io.flightdeck.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flightdeck.servers.MariaDbEndpoint;
import io.flightdeck.servers.ServerStartException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code shard add NAME}: a new, empty post-flight shard on its own MariaDB server. */
@Command(
    name = "shard",
    mixinStandardHelpOptions = true,
    description = "Post-flight shards of the local stack.",
    subcommands = {ShardCommand.Add.class})
final class ShardCommand extends CommandGroup {
  ShardCommand() {
    super("add NAME");
  }

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = {
        "Starts a new, empty MariaDB server for the shard NAME (GTID, ROW binary log, log_slave_updates, its own "
            + "server_id and gtid_domain_id) and registers it in postflight-service's catalogue (POST "
            + "/admin/v1/Shards). It serves nothing until a split moves ranges to it. The server is part of the "
            + "stack from then on: 'up', 'down' and 'status' include it.",
        "Idempotent: a shard that exists already, on this server, is reported and left as is. Exit code 0 when the "
            + "shard is registered, 1 when its server fails to start or the registration is refused, 2 for bad usage."
      })
  static final class Add implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "The shard's id, e.g. shard-2.")
    String name;

    @Mixin PostflightUrl postflight;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try {
        AddedServers.check(name);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
      return add(name, postflight.url);
    }
  }

  /**
   * Starts the shard's MariaDB server (recorded as part of the stack first) and registers it.
   *
   * @return 0 when the shard is registered, on this server; 1 otherwise (the reason printed)
   */
  static int add(String name, String url) {
    LocalStack before = LocalStack.of(Flightdeck.projectRoot(), StackPorts.defaults());
    MariaDbEndpoint server;
    try (StackLock lock = StackLock.acquire(before.stateFolder())) {
      // Recorded first, so that 'down' stops the server even if what follows fails.
      AddedServers.in(before.stateFolder()).addShard(name);
      LocalStack stack = LocalStack.of(Flightdeck.projectRoot(), StackPorts.defaults());
      stack.servers().start("mariadb-" + name);
      server = stack.servers().mariaDb(name).endpoint();
    } catch (ServerStartException e) {
      System.err.println("flightdeck: " + e.getMessage());
      return 1;
    }
    System.out.printf("mariadb-%s runs on %s:%d%n", name, server.host(), server.port());
    return register(name, url, server);
  }

  /**
   * Registers an already running server as the shard {@code name} (its schema {@code postflight}).
   */
  static int register(String name, String url, MariaDbEndpoint server) {
    ObjectMapper json = new ObjectMapper();
    ObjectNode body = json.createObjectNode().put("id", name);
    body.putObject("primary")
        .put("host", server.host())
        .put("port", server.port())
        .put("user", server.user())
        .put("password", server.password())
        .put("database", "postflight");
    PostflightAdmin admin = new PostflightAdmin(url);
    try {
      admin.post("/admin/v1/Shards", body.toString());
      System.out.printf(
          "shard %s registered; it serves nothing until a split moves ranges to it%n", name);
      return 0;
    } catch (PostflightAdmin.Refused e) {
      if (e.status == 409 && e.getMessage().contains("is in the catalogue already")) {
        for (var shard : admin.get("/admin/v1/Shards")) {
          if (shard.path("id").asText().equals(name)
              && shard.path("primary").path("port").asInt() == server.port()) {
            System.out.printf("shard %s is registered already, on this server%n", name);
            return 0;
          }
        }
      }
      System.err.println("flightdeck: registration refused (" + e.status + "): " + e.getMessage());
      return 1;
    }
  }
}
