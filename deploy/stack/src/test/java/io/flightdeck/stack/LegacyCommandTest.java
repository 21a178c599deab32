package io.flightdeck.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightdeck.servers.ProjectRoot;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The command line of {@code legacy seed}: usage errors exit 2 naming the flaw; a stack that does
 * not run is exit 3, with nothing printed on stdout and what to do on stderr.
 */
class LegacyCommandTest {

  @Test
  void countsOutOfRangeAreBadUsage() {
    assertThat(usage("legacy", "seed", "--accounts", "0", "--records", "30"))
        .contains("--accounts must be 1 to 10000, got 0");
    assertThat(usage("legacy", "seed", "--accounts", "2", "--records", "-1"))
        .contains("--records must be 0 to 10000000, got -1");
    assertThat(usage("legacy", "seed", "--records", "30"))
        .contains("Missing required option: '--accounts=N'");
  }

  @Test
  void aStackThatDoesNotRunIsRefusedAndNothingIsPrinted(@TempDir Path state) {
    LocalStack stack = LocalStack.of(ProjectRoot.locate(), state, StackPorts.defaults());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int exit = LegacyCommand.seed(stack, 2, 30, print(out), print(err));

    assertThat(exit).isEqualTo(Flightdeck.NOT_RUNNING);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("the stack is not running")
        .contains("'deploy/flightdeck up' starts it");
  }

  private static String usage(String... args) {
    StringWriter err = new StringWriter();
    CommandLine line = Flightdeck.commandLine().setErr(new PrintWriter(err));
    assertThat(line.execute(args)).as(String.join(" ", args)).isEqualTo(2);
    return err.toString();
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }
}
