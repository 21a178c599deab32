package io.flightdeck.stack;

import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code replica add SHARD [--name NAME]}: a MariaDB replica of a post-flight shard. */
@Command(
    name = "replica",
    mixinStandardHelpOptions = true,
    description = "Replicas of the local stack's post-flight shards.",
    subcommands = {ReplicaCommand.Add.class})
final class ReplicaCommand extends CommandGroup {
  ReplicaCommand() {
    super("add SHARD");
  }

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = {
        "Starts a new MariaDB server, clones the shard's database from its primary (found in postflight-service's "
            + "topology, GET /admin/v1/Topology) at a known GTID position, makes it a read-only GTID replica of "
            + "that primary, and adds it to the topology (PUT /admin/v1/Topology) as a replica serving reads. The "
            + "server is part of the stack from then on: 'up', 'down' and 'status' include it.",
        "Safe to run again: a re-run after a failure finds what is done and finishes; with --name, a replica "
            + "already in the topology on this server is reported and left as is. Exit code 0 when the replica is "
            + "in the topology and replicating, 1 when something is refused or fails (the reason printed), 2 for "
            + "bad usage."
      })
  static final class Add implements Callable<Integer> {
    @Parameters(paramLabel = "SHARD", description = "The shard, e.g. shard-0.")
    String shard;

    @Option(
        names = "--name",
        paramLabel = "NAME",
        description =
            "The replica's name (its server is mariadb-NAME). Default: SHARD-replica-<n>, the first n from 1 "
                + "that names no server of the topology.")
    String name;

    @Mixin PostflightUrl postflight;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      if (name != null) {
        try {
          AddedServers.check(name);
        } catch (IllegalArgumentException e) {
          throw new ParameterException(spec.commandLine(), e.getMessage());
        }
      }
      return new ReplicaAdd(
              () -> LocalStack.of(Flightdeck.projectRoot(), StackPorts.defaults()),
              new PostflightAdmin(postflight.url),
              System.out,
              System.err)
          .add(shard, Optional.ofNullable(name));
    }
  }
}
