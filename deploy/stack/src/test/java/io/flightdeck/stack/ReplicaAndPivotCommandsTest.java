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
  void aPivotNeedsItsShardAndIsEitherAStatusOrAForcedPivot() {
    assertThat(usageError("pivot")).contains("Missing required parameter: 'SHARD'");
    assertThat(usageError("pivot", "shard-0", "--status", "--force"))
        .contains("mutually exclusive");
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
