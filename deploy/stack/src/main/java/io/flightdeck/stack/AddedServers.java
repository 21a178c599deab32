package io.flightdeck.stack;

import io.flightdeck.servers.StateFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The MariaDB servers added to this machine's stack beyond its own stores: shards ({@code shard
 * add}) and replicas ({@code replica add}), so that {@code up}, {@code down} and {@code status}
 * include them after the command has ended. One server a line in {@code <state folder>/added-
 * mariadb-servers}: {@code shard-2} for a shard, {@code shard-0-replica-1 replica-of shard-0} for a
 * replica and the shard it belongs to (whichever server that shard's primary is after pivots). The
 * file of earlier versions, {@code added-shards} (shards only), is read until the first change.
 */
final class AddedServers {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,40}");
  private static final String REPLICA_OF = " replica-of ";

  /**
   * One added server.
   *
   * @param name its store name; the server is {@code mariadb-<name>}
   * @param replicaOf the shard it is a replica of; empty for a shard
   */
  record Added(String name, Optional<String> replicaOf) {
    String line() {
      return replicaOf.map(shard -> name + REPLICA_OF + shard).orElse(name);
    }

    static Added parse(String line) {
      int at = line.indexOf(REPLICA_OF);
      return at < 0
          ? new Added(line, Optional.empty())
          : new Added(
              line.substring(0, at).strip(),
              Optional.of(line.substring(at + REPLICA_OF.length()).strip()));
    }
  }

  private final StateFile file;
  private final StateFile legacy;

  private AddedServers(StateFile file, StateFile legacy) {
    this.file = file;
    this.legacy = legacy;
  }

  static AddedServers in(Path stateFolder) {
    return new AddedServers(
        new StateFile(stateFolder.resolve("added-mariadb-servers")),
        new StateFile(stateFolder.resolve("added-shards")));
  }

  /** Every added server, in the order they were added. */
  List<Added> all() {
    return file.read()
        .or(legacy::read)
        .orElse("")
        .lines()
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .map(Added::parse)
        .toList();
  }

  /** The added servers' store names, in the order they were added. */
  List<String> names() {
    return all().stream().map(Added::name).toList();
  }

  /** The replicas recorded for {@code shard}. */
  List<String> replicasOf(String shard) {
    return all().stream()
        .filter(added -> added.replicaOf().equals(Optional.of(shard)))
        .map(Added::name)
        .toList();
  }

  /**
   * Records a shard (idempotent).
   *
   * @throws IllegalArgumentException for a name that is no MariaDB store name, is one of the
   *     stack's own stores, or is recorded as a replica
   */
  void addShard(String name) {
    add(new Added(name, Optional.empty()));
  }

  /**
   * Records a replica of {@code shard} (idempotent).
   *
   * @throws IllegalArgumentException for a name that is no MariaDB store name, is one of the
   *     stack's own stores, or is recorded as a shard or another shard's replica
   */
  void addReplica(String name, String shard) {
    add(new Added(name, Optional.of(shard)));
  }

  private void add(Added server) {
    check(server.name());
    List<Added> all = new ArrayList<>(all());
    for (Added known : all) {
      if (known.name().equals(server.name())) {
        if (known.equals(server)) {
          return;
        }
        throw new IllegalArgumentException(
            "'"
                + server.name()
                + "' is "
                + known.replicaOf().map(shard -> "a replica of " + shard).orElse("a shard")
                + " of this stack already");
      }
    }
    all.add(server);
    file.replace(
        all.stream()
            .map(added -> added.line() + System.lineSeparator())
            .collect(Collectors.joining()));
    legacy.delete();
  }

  /** Forgets every added server (after a wipe has deleted their data). */
  void forget() {
    file.delete();
    legacy.delete();
  }

  /**
   * @throws IllegalArgumentException for a name that is no MariaDB store name or is one of the
   *     stack's own stores
   */
  static void check(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "'" + name + "' is not a server name: 1 to 41 lower-case letters, digits, '-' or '_'");
    }
    // inflight-<n> too: the name of a node 'up --inflight-nodes' may add.
    if (LocalStack.MARIADB_STORES.contains(name) || InflightNodes.isNodeStore(name)) {
      throw new IllegalArgumentException("'" + name + "' is one of the stack's own stores");
    }
  }
}
