package io.flightdeck.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The command line of {@code replica add} and {@code pivot}: usage errors exit 2 naming the flaw;
 * pre-checks print one line each, PASS or FAIL with the reason.
 */
class ReplicaAndPivotCommandsTest {

  private static String usageError(String... args) {
    StringWriter err = new StringWriter();
    CommandLine line = Flightdeck.commandLine().setErr(new PrintWriter(err));
    assertThat(line.execute(args)).as(String.join(" ", args)).isEqualTo(2);
    return err.toString();
  }

  @Test
  void aReplicaNeedsItsShardAndAServerName() {
    assertThat(usageError("replica")).contains("Missing command: add SHARD");
    assertThat(usageError("replica", "add")).contains("Missing required parameter: 'SHARD'");
    assertThat(usageError("replica", "add", "shard-0", "--name", "control"))
        .contains("'control' is one of the stack's own stores");
    assertThat(usageError("replica", "add", "shard-0", "--name", "Replica 1"))
        .contains("'Replica 1' is not a server name");
  }

  @Test
  void aPivotNeedsItsShard() {
    assertThat(usageError("pivot")).contains("Missing required parameter: 'SHARD'");
  }

  @Test
  void aSchemaChangeNeedsOneShardOrAll() {
    assertThat(usageError("schema")).contains("Missing command: apply SHARD|--all");
    assertThat(usageError("schema", "apply")).contains("Missing required argument");
    assertThat(usageError("schema", "apply", "shard-0", "--all")).contains("mutually exclusive");
  }

  @Test
  void eachServersSchemaIsOneEntryWithItsVersionAndWhatIsPending() throws Exception {
    var schema =
        new ObjectMapper()
            .readTree(
                """
                {"shard": "shard-0", "pending": true, "servers": [
                  {"name": "shard-0", "version": "3", "pending_migrations":
                    [{"version": "100", "description": "rolling add calls note", "rolling": true}]},
                  {"name": "shard-0-r1", "version": "100", "pending_migrations": []},
                  {"name": "shard-0-r2", "error": "connection refused", "pending_migrations": []}]}
                """);
    assertThat(SchemaCommand.Apply.versions(schema))
        .isEqualTo(
            "shard-0 at 3 (pending: 100 rolling); shard-0-r1 at 100;"
                + " shard-0-r2 unreadable (connection refused)");
  }

  @Test
  void theStatusOfAForcedPivotAsksForTheForcedPreChecks() {
    assertThat(PivotCommand.statusPath("shard-0", null, false))
        .isEqualTo("/admin/v1/Shards/shard-0/PivotStatus");
    assertThat(PivotCommand.statusPath("shard-0", null, true))
        .isEqualTo("/admin/v1/Shards/shard-0/PivotStatus?force=true");
    assertThat(PivotCommand.statusPath("shard-0", "shard-0-r1", true))
        .isEqualTo("/admin/v1/Shards/shard-0/PivotStatus?to=shard-0-r1&force=true");
  }

  @Test
  void everyPreCheckIsOneLinePassOrFailWithItsReason() throws Exception {
    var checks =
        new ObjectMapper()
            .readTree(
                """
                [{"name": "candidate-replicating", "passed": true, "reason": "IO and SQL threads run"},
                 {"name": "lag", "passed": false, "reason": "4 s behind (at most 1 s)"},
                 {"name": "no-operation", "passed": true, "reason": ""}]
                """);
    assertThat(PivotCommand.checkLines(checks))
        .containsExactly(
            "  PASS  candidate-replicating  IO and SQL threads run",
            "  FAIL  lag                    4 s behind (at most 1 s)",
            "  PASS  no-operation");
  }

  @Test
  void aRefusedPivotPrintsItsMessageAndEachCheck() throws Exception {
    var body =
        new ObjectMapper()
            .readTree(
                """
                {"status": 409, "message": "shard-0 cannot pivot: 1 pre-check failed",
                 "checks": [{"name": "source-reachable", "passed": false, "reason": "connection refused"}]}
                """);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        PivotCommand.refused(
            new PostflightAdmin.Refused(409, body.path("message").asText(), body),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "flightdeck: refused (409): shard-0 cannot pivot: 1 pre-check failed\n"
                + "  FAIL  source-reachable  connection refused\n");
  }
}
