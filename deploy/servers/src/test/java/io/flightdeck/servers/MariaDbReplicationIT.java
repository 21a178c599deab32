package io.flightdeck.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every MariaDB server can be a replication source and a promotable replica: GTID, a ROW binary
 * log, {@code log_slave_updates}, and a replication identity of its own (fixed by {@link
 * MariaDbOptions} or chosen at the first start and kept across restarts).
 */
class MariaDbReplicationIT {
  private static ServerSet servers;

  @BeforeAll
  static void start() {
    servers =
        ServerSet.builder(Path.of("target/replication-it"))
            .mariaDb("source", MariaDbOptions.of(4101, 41))
            .mariaDb("replica")
            .build();
    servers.wipe();
    servers.start();
  }

  @AfterAll
  static void stop() {
    servers.stop();
  }

  @Test
  void everyServerLogsRowsAndWhatItAppliesUnderItsOwnIds() {
    MariaDbServer source = servers.mariaDb("source");
    MariaDbServer replica = servers.mariaDb("replica");
    assertThat(variables(source)).isEqualTo("4101\t41\tROW\t1\t1");
    int port = replica.endpoint().port();
    assertThat(variables(replica)).isEqualTo(port + "\t" + port + "\tROW\t1\t1");

    servers.stop("mariadb-replica");
    servers.start("mariadb-replica");
    assertThat(variables(replica))
        .as("kept across a restart")
        .isEqualTo(port + "\t" + port + "\tROW\t1\t1");
  }

  @Test
  void aReplicaFollowsItsSourceByGtidAndLogsWhatItApplies() {
    MariaDbServer source = servers.mariaDb("source");
    MariaDbServer replica = servers.mariaDb("replica");
    source.sql(
        "CREATE DATABASE IF NOT EXISTS repl_it; CREATE TABLE IF NOT EXISTS repl_it.t (id INT PRIMARY KEY);"
            + " INSERT INTO repl_it.t VALUES (1)");
    replica.sql(
        "STOP SLAVE; RESET SLAVE ALL; SET GLOBAL gtid_slave_pos = '';"
            + " CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT="
            + source.endpoint().port()
            + ", MASTER_USER='"
            + MariaDbServer.USER
            + "', MASTER_PASSWORD='"
            + MariaDbServer.PASSWORD
            + "', MASTER_USE_GTID=slave_pos, MASTER_SSL=0; START SLAVE");
    String position = source.sql("SELECT @@gtid_binlog_pos").strip();
    assertThat(position).startsWith("41-4101-");
    assertThat(replica.sql("SELECT MASTER_GTID_WAIT('" + position + "', 30)").strip())
        .isEqualTo("0");
    assertThat(replica.sql("SELECT COUNT(*) FROM repl_it.t").strip()).isEqualTo("1");
    // log_slave_updates: the replica's own binary log holds the source's transactions.
    assertThat(replica.sql("SELECT @@gtid_binlog_pos").strip()).contains("41-4101-");
    replica.sql("STOP SLAVE; RESET SLAVE ALL");
  }

  private static String variables(MariaDbServer server) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (true) {
      try {
        return server
            .sql(
                "SELECT @@server_id, @@gtid_domain_id, @@binlog_format, @@log_bin, @@log_slave_updates")
            .strip();
      } catch (IllegalStateException e) {
        if (Instant.now().isAfter(deadline)) {
          throw e;
        }
      }
    }
  }
}
