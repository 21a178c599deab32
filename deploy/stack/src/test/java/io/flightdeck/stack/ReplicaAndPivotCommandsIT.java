package io.flightdeck.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flightdeck.servers.Ports;
import io.flightdeck.servers.ProjectRoot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The operator's replica and pivot commands against a stack of their own (a pivot changes which
 * server is shard-0's primary, so the shared stack is left alone): {@code replica add shard-0}
 * starts, clones and registers {@code shard-0-replica-1}; {@code pivot shard-0 --status} passes
 * every pre-check; {@code pivot shard-0} promotes the replica and exits 0 once it takes writes.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ReplicaAndPivotCommandsIT {
  private static final Path ROOT = ProjectRoot.locate();
  private static final Path STATE = Path.of("target", "replica-pivot-it").toAbsolutePath();
  private static final StackPorts PORTS =
      new StackPorts(
          Ports.free(), Ports.free(), Ports.free(), Ports.free(), Ports.free(), Map.of());
  private static final String REPLICA = "shard-0-replica-1";

  /**
   * A rolling migration beside the service's own, which opening a shard leaves pending for {@code
   * schema apply}: a column at the end of {@code calls} and an index.
   */
  private static final Path MIGRATIONS = Path.of("target", "replica-pivot-it-migrations");

  private static LocalStack stack;
  private static String url;

  @BeforeAll
  static void upOnItsOwnFolder() {
    // A previous run's replica is wiped and forgotten; the stack is read again without it.
    LocalStack.of(ROOT, STATE, PORTS).wipe();
    stack = stackOf();
    stack.up();
    url = stack.url(LocalStack.POSTFLIGHT);
  }

  @AfterAll
  static void down() {
    if (stack != null) {
      // Read afresh: the stack now includes the replica's server, which must stop too.
      stackOf().down();
    }
  }

  /** The test's stack as it is now (added servers included), with the rolling migration. */
  private static LocalStack stackOf() {
    try {
      Files.createDirectories(MIGRATIONS);
      Files.writeString(
          MIGRATIONS.resolve("V100__rolling_add_calls_note.sql"),
          "ALTER TABLE calls ADD COLUMN note VARCHAR(64) NULL,"
              + " ADD INDEX calls_by_account_note (account_sid, note);\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return LocalStack.of(
        ROOT,
        STATE,
        PORTS,
        Map.of(),
        Map.of(
            "flightdeck.postflight.schema.locations",
            "classpath:db/shard,filesystem:" + MIGRATIONS.toAbsolutePath()));
  }

  @Test
  void aReplicaAddedByTheCommandPassesThePreChecksAndIsPivotedIn() throws Exception {
    Output added = addReplica(Optional.empty());
    assertThat(added.exit).as(added.text).isZero();
    assertThat(added.text)
        .contains("cloned postflight from mariadb-shard-0 at GTID")
        .contains("replica " + REPLICA + " of shard-0 is in the topology and replicating");
    assertThat(readOnly(REPLICA)).isEqualTo("1");

    Output again = addReplica(Optional.of(REPLICA));
    assertThat(again.exit).as(again.text).isZero();
    assertThat(again.text).contains("is in the topology already, on this server");

    Output status = flightdeck("pivot", "shard-0", "--status", "--to", REPLICA, "--url", url);
    assertThat(status.exit).as(status.text).isZero();
    assertThat(status.text).contains("Pivot of shard-0 to " + REPLICA + ": ready");
    assertThat(status.text.lines().filter(line -> line.startsWith("  ")))
        .isNotEmpty()
        .allMatch(line -> line.startsWith("  PASS  "));

    Output pivot = flightdeck("pivot", "shard-0", "--to", REPLICA, "--url", url);
    assertThat(pivot.exit).as(pivot.text).isZero();
    assertThat(pivot.text).containsPattern("Pivot \\S+: completed");

    JsonNode shard0 =
        new Topology(new PostflightAdmin(url).get("/admin/v1/Topology"))
            .shard("shard-0")
            .orElseThrow();
    assertThat(shard0.path("primary").path("name").asText()).isEqualTo(REPLICA);
    assertThat(shard0.path("replicas").findValuesAsText("name")).contains("shard-0");
    assertThat(readOnly(REPLICA)).as("the new primary takes writes").isEqualTo("0");

    // Every shard in turn: shard-0 (the old primary a replica now) by a pivot back, the others,
    // which have no replica, in place.
    Output dryRun = flightdeck("schema", "apply", "--all", "--dry-run", "--url", url);
    assertThat(dryRun.exit).as(dryRun.text).isZero();
    assertThat(dryRun.text).contains("pending: ").contains("100 rolling");
    Output applied = flightdeck("schema", "apply", "--all", "--url", url);
    assertThat(applied.exit).as(applied.text).isZero();
    assertThat(applied.text)
        .contains("[1/")
        .containsPattern("Schema change \\S+: completed")
        .contains("change-old-primary");
    Output upToDate = flightdeck("schema", "apply", "shard-0", "--url", url);
    assertThat(upToDate.exit).as(upToDate.text).isZero();
    assertThat(upToDate.text).contains("up to date: ");
    for (String store : List.of("shard-0", REPLICA)) {
      assertThat(
              stackOf()
                  .servers()
                  .mariaDb(store)
                  .sql(
                      "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema ="
                          + " 'postflight' AND table_name = 'calls' AND column_name = 'note'")
                  .strip())
          .as("the new column on " + store)
          .isEqualTo("1");
    }
  }

  private record Output(int exit, String text) {}

  /** {@code @@read_only} of a server of the stack as it is now (added servers included). */
  private static String readOnly(String store) {
    return stackOf().servers().mariaDb(store).sql("SELECT @@read_only").strip();
  }

  /** {@code replica add shard-0 [--name NAME]} on this test's stack (its own state folder). */
  private static Output addReplica(Optional<String> name) {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(text, true, StandardCharsets.UTF_8);
    int exit =
        new ReplicaAdd(ReplicaAndPivotCommandsIT::stackOf, new PostflightAdmin(url), print, print)
            .add("shard-0", name);
    String output = text.toString(StandardCharsets.UTF_8);
    System.out.printf("replica add shard-0 %s:%n%s", name.orElse(""), output);
    return new Output(exit, output);
  }

  /** {@code deploy/flightdeck ARGS} as an operator runs it. */
  private static Output flightdeck(String... args) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(
                Stream.concat(
                        Stream.of(ROOT.resolve("deploy/flightdeck").toString()),
                        Arrays.stream(args))
                    .toList())
            .directory(ROOT.toFile())
            .redirectErrorStream(true)
            .start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = process.waitFor();
    System.out.printf("flightdeck %s (exit %d):%n%s", String.join(" ", args), exit, output);
    return new Output(exit, output);
  }
}
