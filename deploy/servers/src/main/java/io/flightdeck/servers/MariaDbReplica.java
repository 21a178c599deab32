package io.flightdeck.servers;

import static java.util.stream.Collectors.joining;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes one MariaDB server a read-only replica of another's database: a consistent clone ({@code
 * mariadb-dump --single-transaction --master-data=2 --gtid}, streamed through a file in the
 * replica's folder, loaded without binary logging so the replica holds no GTID of its own), then
 * GTID replication from the position of the snapshot on the default (unnamed) connection, {@code
 * read_only=1}, and a bounded wait until both replication threads run.
 *
 * <p>Safe to run again: a server already linked to that primary is only checked (and its threads
 * started when stopped); a clone interrupted by a crash is redone from a fresh snapshot, its
 * progress being kept in {@code replica-clone.properties} beside the data. A server that holds data
 * of its own, or replicates from another server, is refused. {@code read_only} is set, not
 * persisted in the server's options: after a pivot this server may be the primary.
 */
public final class MariaDbReplica {

  /**
   * What provisioning did.
   *
   * @param cloned true when this call cloned the primary; false when the server replicated from it
   *     already
   * @param position the GTID position the clone was taken at (empty when not cloned by this call)
   */
  public record Provisioned(boolean cloned, String position) {}

  private static final Set<String> SYSTEM_DATABASES =
      Set.of("information_schema", "mysql", "performance_schema", "sys");
  private static final Pattern SNAPSHOT_POSITION =
      Pattern.compile("gtid_slave_pos\\s*=\\s*'([0-9,\\-]*)'");
  private static final Duration CLONE_TIMEOUT = Duration.ofHours(2);
  private static final Duration RUNNING_TIMEOUT = Duration.ofSeconds(60);

  private final MariaDbServer replica;
  private final Path home;
  private final CloneProgress progress;

  MariaDbReplica(MariaDbServer replica) {
    this.replica = replica;
    this.home = replica.home();
    this.progress = new CloneProgress(replica.files().dir().resolve("replica-clone.properties"));
  }

  Provisioned provision(MariaDbServer primary, String database) {
    String source = primary.endpoint().host() + ":" + primary.endpoint().port();
    Optional<String> linked = ReplicationStatus.read(replica).source();
    if (linked.isPresent()) {
      if (!linked.get().equals(source)) {
        throw new IllegalStateException(
            replica.name()
                + " replicates from "
                + linked.get()
                + ", not from "
                + primary.name()
                + " ("
                + source
                + "); it is left as is");
      }
      replica.sql("SET GLOBAL read_only = 1; START SLAVE");
      awaitRunning();
      return new Provisioned(false, "");
    }
    String position =
        progress.loaded(source, database).orElseGet(() -> cloneInto(primary, source, database));
    // The position of the snapshot, so replication resumes exactly after it.
    replica.sql(
        "SET GLOBAL read_only = 1; SET GLOBAL gtid_slave_pos = '"
            + position
            + "'; CHANGE MASTER TO MASTER_HOST='"
            + primary.endpoint().host()
            + "', MASTER_PORT="
            + primary.endpoint().port()
            + ", MASTER_USER='"
            + MariaDbServer.USER
            + "', MASTER_PASSWORD='"
            + MariaDbServer.PASSWORD
            + "', MASTER_USE_GTID=slave_pos, MASTER_SSL=0; START SLAVE");
    progress.forget();
    awaitRunning();
    return new Provisioned(true, position);
  }

  private String cloneInto(MariaDbServer primary, String source, String database) {
    List<String> own = userDatabases();
    boolean resuming = progress.loading(source, database);
    if (!own.isEmpty() && !(resuming && own.equals(List.of(database)))) {
      throw new IllegalStateException(
          replica.name()
              + " holds data ("
              + String.join(", ", own)
              + ") but replicates from nothing; a replica is cloned into an empty server only");
    }
    progress.startLoading(source, database);
    Path dump = replica.files().dir().resolve("replica-clone.sql");
    try {
      List<String> dumpArgs =
          MariaDbClient.tool(home, "mariadb-dump", primary.endpoint().port(), "root", "");
      dumpArgs.addAll(
          List.of(
              "--single-transaction",
              "--master-data=2",
              "--gtid",
              "--databases",
              database,
              "--result-file=" + dump));
      check("mariadb-dump of " + primary.name(), new Command(dumpArgs).run(CLONE_TIMEOUT));
      String position = snapshotPosition(dump);
      List<String> loadArgs =
          MariaDbClient.tool(home, "mariadb", replica.endpoint().port(), "root", "");
      // Not binlogged: the replica's binary log must hold the primary's GTIDs only, or a server
      // replicating from it after a pivot would replay the clone.
      loadArgs.addAll(List.of("--batch", "--init-command=SET SESSION sql_log_bin = 0"));
      replica.sql(
          "SET SESSION sql_log_bin = 0; SET GLOBAL read_only = 1; DROP DATABASE IF EXISTS `"
              + database
              + "`");
      check(
          "loading the clone into " + replica.name(),
          new Command(loadArgs).withInputFile(dump).run(CLONE_TIMEOUT));
      progress.loaded(source, database, position);
      return position;
    } finally {
      try {
        Files.deleteIfExists(dump);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The databases holding tables, beside MariaDB's own (an empty {@code test} is no data). */
  private List<String> userDatabases() {
    String tables =
        replica.sql(
            "SELECT DISTINCT TABLE_SCHEMA FROM information_schema.TABLES WHERE TABLE_SCHEMA NOT IN ("
                + SYSTEM_DATABASES.stream().map(d -> "'" + d + "'").collect(joining(", "))
                + ") ORDER BY TABLE_SCHEMA");
    return tables.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  /**
   * The {@code SET GLOBAL gtid_slave_pos='…'} the dump carries in a comment: with {@code
   * --single-transaction} mariadb-dump writes it after the data ("deferred"), so the whole dump is
   * read (line by line; only comment lines are matched).
   */
  private static String snapshotPosition(Path dump) {
    String found = null;
    try (BufferedReader lines = Files.newBufferedReader(dump, StandardCharsets.UTF_8)) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.startsWith("--")) {
          Matcher position = SNAPSHOT_POSITION.matcher(line);
          if (position.find()) {
            found = position.group(1);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + dump, e);
    }
    if (found == null) {
      throw new IllegalStateException(
          "The dump in " + dump + " names no GTID position (gtid_slave_pos)");
    }
    return found;
  }

  private void check(String what, Command.Result result) {
    if (!result.succeeded()) {
      throw new IllegalStateException(
          what + " failed (exit " + result.exitCode() + "): " + result.output().strip());
    }
  }

  private void awaitRunning() {
    long deadline = System.nanoTime() + RUNNING_TIMEOUT.toNanos();
    while (true) {
      ReplicationStatus status = ReplicationStatus.read(replica);
      if (status.running()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            replica.name()
                + " does not replicate "
                + RUNNING_TIMEOUT.toSeconds()
                + " s after its link was set: "
                + status.describe());
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for " + replica.name(), e);
      }
    }
  }
}
