package io.flightdeck.postflight.topology;

import java.util.List;
import java.util.Optional;

/**
 * What one MariaDB server says of itself when probed: its replication identity, whether it takes
 * writes, whether it logs what it applies (so it can be promoted), its GTID positions and its
 * replication links.
 *
 * @param gtidBinlogPos what it has logged ({@code @@gtid_binlog_pos}): on a primary, every write it
 *     took
 * @param gtidCurrentPos what it has applied or logged ({@code @@gtid_current_pos})
 */
public record ServerFacts(
    long serverId,
    long gtidDomainId,
    boolean readOnly,
    boolean logBin,
    boolean logSlaveUpdates,
    String gtidBinlogPos,
    String gtidCurrentPos,
    List<Link> links) {
  public ServerFacts {
    links = List.copyOf(links);
  }

  /** Its link to the server at {@code host:port}, if it has one. */
  public Optional<Link> linkTo(String host, int port) {
    return links.stream()
        .filter(l -> l.masterHost().equalsIgnoreCase(host) && l.masterPort() == port)
        .findFirst();
  }

  /**
   * One replication connection of the server ({@code SHOW ALL SLAVES STATUS}).
   *
   * @param connectionName empty for the default connection
   * @param secondsBehind empty while unknown (a thread stopped)
   * @param usingGtid {@code Slave_Pos}, {@code Current_Pos} or {@code No}
   * @param gtidIoPos what its IO thread has received ({@code Gtid_IO_Pos})
   */
  public record Link(
      String connectionName,
      String masterHost,
      int masterPort,
      boolean ioRunning,
      boolean sqlRunning,
      Optional<Long> secondsBehind,
      String lastError,
      String usingGtid,
      String gtidIoPos) {

    /** Both threads run. */
    public boolean replicating() {
      return ioRunning && sqlRunning;
    }
  }
}
