package io.flightdeck.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code migrate}: without accounts or {@code --all-legacy} it is bad usage (exit 2); it succeeds
 * only when every account of the migration reads and writes on split.
 */
class MigrateCommandTest {

  @Test
  void aMigrationOfNoAccountIsBadUsage() {
    StringWriter err = new StringWriter();
    CommandLine line = Flightdeck.commandLine().setErr(new PrintWriter(err));
    assertThat(line.execute("migrate")).isEqualTo(2);
    assertThat(err.toString()).contains("Name the accounts to migrate (AC…), or give --all-legacy");
  }

  @Test
  void onlyEveryAccountOnSplitForReadsAndWritesCountsAsMigrated() throws Exception {
    assertThat(MigrateCommand.onSplit(status("split", "split", "split", "split"), quiet()))
        .isTrue();
    assertThat(MigrateCommand.onSplit(status("split", "split", "dual", "split"), quiet()))
        .isFalse();
    assertThat(
            MigrateCommand.onSplit(
                status("split", "split", "split", "split-shadow-legacy"), quiet()))
        .isFalse();
    assertThat(MigrateCommand.onSplit(new ObjectMapper().readTree("{\"accounts\": []}"), quiet()))
        .isFalse();
  }

  @Test
  void eachAccountsLineShowsItsRowsAndFlags() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MigrateCommand.onSplit(
        status("split", "split", "legacy", "legacy"),
        new PrintStream(out, true, StandardCharsets.UTF_8));
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("AC00000000000000000000000000000002")
        .contains("rows copied 12, verified 12, mismatches 0; write-path legacy, read-path legacy");
  }

  private static JsonNode status(String write1, String read1, String write2, String read2)
      throws Exception {
    return new ObjectMapper()
        .readTree(
            """
            {"accounts": [
              {"account_sid": "AC00000000000000000000000000000001", "step": "done", "rows_copied": 12,
               "rows_verified": 12, "mismatches": [], "flags": {"write_path": "%s", "read_path": "%s"}},
              {"account_sid": "AC00000000000000000000000000000002", "step": "done", "rows_copied": 12,
               "rows_verified": 12, "mismatches": [], "flags": {"write_path": "%s", "read_path": "%s"}}
            ]}
            """
                .formatted(write1, read1, write2, read2));
  }

  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }
}
