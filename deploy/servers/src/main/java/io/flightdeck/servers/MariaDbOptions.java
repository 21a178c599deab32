package io.flightdeck.servers;

import java.util.List;
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

  /**
   * The server settings every Flightdeck MariaDB runs with, whoever starts it (the launcher, or a
   * container): replication identity, a ROW binary log that a replica logs again, UTC, utf8mb4.
   */
  public static List<String> serverSettings(int serverId, int gtidDomainId) {
    return List.of(
        "--skip-ssl", // 11.4 otherwise generates a TLS certificate at every start (10+ s of CPU)
        "--skip-name-resolve", // else install-db's anonymous ''@localhost shadows 'flightdeck'@'%'
        "--server-id=" + Integer.toUnsignedString(serverId),
        "--gtid-domain-id=" + Integer.toUnsignedString(gtidDomainId),
        "--log-bin=mysql-bin",
        "--binlog-format=ROW",
        "--log-slave-updates",
        "--innodb-buffer-pool-size=64M",
        "--innodb-log-file-size=16M",
        "--default-time-zone=+00:00",
        "--character-set-server=utf8mb4",
        "--collation-server=utf8mb4_unicode_ci");
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
