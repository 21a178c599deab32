package io.flightdeck.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The command line of {@code split} and {@code shard add}: usage errors exit 2, naming the flaw.
 */
class SplitCommandTest {

  @Test
  void aSplitWithoutItsTargetIsBadUsage() {
    StringWriter err = new StringWriter();
    CommandLine line = Flightdeck.commandLine().setErr(new PrintWriter(err));
    assertThat(line.execute("split", "shard-1")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required option: '--into=TARGET'");
  }

  @Test
  void aShardNamedLikeAStoreOfTheStackIsBadUsage() {
    StringWriter err = new StringWriter();
    CommandLine line = Flightdeck.commandLine().setErr(new PrintWriter(err));
    assertThat(line.execute("shard", "add", "control")).isEqualTo(2);
    assertThat(err.toString()).contains("'control' is one of the stack's own stores");
  }
}
