package io.flightdeck.servers;

import java.util.OptionalInt;

/**
 * Replication identity of one MariaDB server: its {@code server_id} and its {@code gtid_domain_id}.
 * Unset, each is chosen at the server's first start (its port, unique among this machine's servers)
 * and remembered: replication needs both stable. Two servers that take writes at once (a shard
 * split's source and target, between the write-map move and the cut) must have distinct domain ids,
 * or their GTID sequences collide.
 */
public record MariaDbOptions(OptionalInt serverId, OptionalInt gtidDomainId) {

  /** Both chosen at the first start. */
  public static final MariaDbOptions CHOSEN_AT_FIRST_START =
      new MariaDbOptions(OptionalInt.empty(), OptionalInt.empty());

  public MariaDbOptions {
    serverId.ifPresent(id -> check("server_id", id, 1, 0xFFFFFFFFL));
    gtidDomainId.ifPresent(id -> check("gtid_domain_id", id, 0, 0xFFFFFFFFL));
  }

  /** Fixed ids. */
  public static MariaDbOptions of(int serverId, int gtidDomainId) {
    return new MariaDbOptions(OptionalInt.of(serverId), OptionalInt.of(gtidDomainId));
  }

  private static void check(String name, int value, long min, long max) {
    long unsigned = Integer.toUnsignedLong(value);
    if (unsigned < min || unsigned > max) {
      throw new IllegalArgumentException(
          "Bad " + name + " " + unsigned + ": use " + min + ".." + max);
    }
  }
}
