package io.flightdeck.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link MariaDbServer#replicateFrom}: a consistent clone of the primary's database plus GTID
 * replication, fenced by {@code read_only} against the application user but not the operations
 * user; safe to run again; refused on a server that holds data of its own.
 */
class MariaDbReplicaIT {
  private static final String DATABASE = "replica_it";
  private static ServerSet servers;
  private static MariaDbServer primary;
  private static MariaDbServer replica;
  private static MariaDbReplica.Provisioned first;

  @BeforeAll
  static void provisionAReplicaOfAPrimaryWithRows() {
    servers =
        ServerSet.builder(Path.of("target/replica-it"))
            .mariaDb("primary", "replica", "stray", "crashed")
            .build();
    servers.wipe();
    servers.start();
    primary = servers.mariaDb("primary");
    replica = servers.mariaDb("replica");
    primary.createDatabase(DATABASE);
    primary.sql(
        "CREATE TABLE "
            + DATABASE
            + ".calls (id INT PRIMARY KEY, sid VARCHAR(34));"
            + " INSERT INTO "
            + DATABASE
            + ".calls VALUES (1, 'CA1'), (2, 'CA2'), (3, 'CA3')");
    first = replica.replicateFrom(primary, DATABASE);
  }

  @AfterAll
  static void stop() {
    servers.stop();
  }

  @Test
  void theCloneHoldsThePrimarysRowsAndLaterRowsReplicate() {
    assertThat(first.cloned()).isTrue();
    assertThat(first.position()).matches("\\d+-\\d+-\\d+");
    assertThat(replica.sql("SELECT COUNT(*) FROM " + DATABASE + ".calls").strip()).isEqualTo("3");

    primary.sql("INSERT INTO " + DATABASE + ".calls VALUES (4, 'CA4')");
    String position = primary.sql("SELECT @@gtid_binlog_pos").strip();
    assertThat(replica.sql("SELECT MASTER_GTID_WAIT('" + position + "', 30)").strip())
        .isEqualTo("0");
    assertThat(replica.sql("SELECT sid FROM " + DATABASE + ".calls WHERE id = 4").strip())
        .isEqualTo("CA4");
  }

  @Test
  void theCloneWasNotBinloggedOnTheReplica() {
    // Only the primary's GTIDs: a server replicating from this one after a pivot replays nothing.
    String replicaDomain = replica.sql("SELECT @@gtid_domain_id").strip();
    assertThat(replica.sql("SELECT @@gtid_binlog_pos").strip()).doesNotContain(replicaDomain + "-");
  }

  @Test
  void readOnlyFencesTheApplicationUserButNotTheOperationsUser() {
    assertThat(replica.sql("SELECT @@read_only").strip()).isEqualTo("1");

    Command.Result insert =
        replica.sqlAs(
            MariaDbServer.USER,
            MariaDbServer.PASSWORD,
            "INSERT INTO " + DATABASE + ".calls VALUES (100, 'CA100')");
    assertThat(insert.succeeded()).isFalse();
    assertThat(insert.output()).contains("ERROR 1290");
    Command.Result lift =
        replica.sqlAs(MariaDbServer.USER, MariaDbServer.PASSWORD, "SET GLOBAL read_only = 0");
    assertThat(lift.succeeded()).as("the application user cannot lift the fence").isFalse();

    Command.Result admin =
        replica.sqlAs(
            MariaDbServer.ADMIN_USER,
            MariaDbServer.ADMIN_PASSWORD,
            "SET GLOBAL read_only = 0; SET GLOBAL read_only = 1; SELECT @@read_only");
    assertThat(admin.output().strip()).isEqualTo("1");
    assertThat(admin.succeeded()).isTrue();
  }

  @Test
  void provisioningAgainLeavesAWorkingReplicaAsItIs() {
    MariaDbReplica.Provisioned again = replica.replicateFrom(primary, DATABASE);
    assertThat(again.cloned()).isFalse();
    assertThat(replica.sql("SELECT @@read_only").strip()).isEqualTo("1");
    assertThat(ReplicationStatus.read(replica).running()).isTrue();
    assertThat(replica.files().dir().resolve("replica-clone.sql")).doesNotExist();
  }

  @Test
  void aCloneCutShortByACrashIsRedoneFromAFreshSnapshot() {
    MariaDbServer crashed = servers.mariaDb("crashed");
    String source = "127.0.0.1:" + primary.endpoint().port();
    // What a crash in the middle of loading leaves: the progress file and a half-loaded database.
    new CloneProgress(crashed.files().dir().resolve("replica-clone.properties"))
        .startLoading(source, DATABASE);
    crashed.sql(
        "SET SESSION sql_log_bin = 0; CREATE DATABASE "
            + DATABASE
            + "; CREATE TABLE "
            + DATABASE
            + ".calls (id INT PRIMARY KEY, sid VARCHAR(34)); INSERT INTO "
            + DATABASE
            + ".calls VALUES (1, 'CA1')");

    MariaDbReplica.Provisioned redone = crashed.replicateFrom(primary, DATABASE);

    assertThat(redone.cloned()).isTrue();
    String position = primary.sql("SELECT @@gtid_binlog_pos").strip();
    assertThat(crashed.sql("SELECT MASTER_GTID_WAIT('" + position + "', 30)").strip())
        .isEqualTo("0");
    assertThat(crashed.sql("SELECT COUNT(*) FROM " + DATABASE + ".calls"))
        .isEqualTo(primary.sql("SELECT COUNT(*) FROM " + DATABASE + ".calls"));
    assertThat(crashed.files().dir().resolve("replica-clone.properties")).doesNotExist();
  }

  @Test
  void aServerWithDataOfItsOwnIsRefused() {
    MariaDbServer stray = servers.mariaDb("stray");
    stray.sql("CREATE DATABASE IF NOT EXISTS mine; CREATE TABLE IF NOT EXISTS mine.t (id INT)");
    assertThatThrownBy(() -> stray.replicateFrom(primary, DATABASE))
        .hasMessageContaining("mariadb-stray holds data (mine) but replicates from nothing");
    assertThat(ReplicationStatus.read(stray).source()).isEmpty();
  }

  @Test
  void aServerReplicatingFromAnotherIsRefused() {
    assertThatThrownBy(() -> replica.replicateFrom(servers.mariaDb("stray"), DATABASE))
        .hasMessageContaining("mariadb-replica replicates from 127.0.0.1:")
        .hasMessageContaining("not from mariadb-stray");
  }
}
