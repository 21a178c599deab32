package io.flightdeck.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flightdeck.servers.ServerStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The stack's in-flight nodes: two by default, named by {@code status}; another count with {@code
 * up --inflight-nodes}, remembered until {@code down --wipe} and never silently lowered.
 */
class InflightNodesTest {
  @TempDir Path state;

  private LocalStack stack() {
    return LocalStack.of(Path.of("."), state, StackPorts.defaults());
  }

  private LocalStack stack(int nodes) {
    return LocalStack.of(
        Path.of("."), state, StackPorts.defaults(), Map.of(), Map.of(), Map.of(), nodes);
  }

  @Test
  void theStackRunsTwoNodesByDefaultAndStatusNamesThem() {
    assertThat(stack().inflightNodes()).isEqualTo(2);
    assertThat(stack().status())
        .extracting(ServerStatus::name)
        .contains("mariadb-inflight-0", "mariadb-inflight-1", "mariadb-control")
        .doesNotContain("mariadb-inflight", "mariadb-inflight-2");
  }

  @Test
  void aCountRememberedAtUpIsTheOneLaterCommandsUse() {
    InflightNodeCount.in(state).remember(3);

    assertThat(state.resolve("inflight-nodes")).hasContent("3");
    assertThat(stack().inflightNodes()).isEqualTo(3);
    assertThat(stack().status())
        .extracting(ServerStatus::name)
        .contains("mariadb-inflight-0", "mariadb-inflight-1", "mariadb-inflight-2");
    assertThat(stack(4).status()).extracting(ServerStatus::name).contains("mariadb-inflight-3");
  }

  @Test
  void aSmallerCountThanTheStackRanWithIsRefusedUntilAWipe() {
    InflightNodeCount.in(state).remember(3);

    assertThatThrownBy(() -> stack(2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("This stack has run with 3 in-flight nodes, up to mariadb-inflight-2")
        .hasMessageContaining("'deploy/flightdeck down --wipe'");
    assertThat(stack().inflightNodes()).isEqualTo(3);

    stack().wipe();

    assertThat(state.resolve("inflight-nodes")).doesNotExist();
    assertThat(stack(1).status())
        .extracting(ServerStatus::name)
        .contains("mariadb-inflight-0")
        .doesNotContain("mariadb-inflight-1");
  }

  @Test
  void theSingleInflightServerOfEarlierVersionsIsDeletedByAWipe() throws Exception {
    Files.createDirectories(state.resolve("mariadb-inflight/data"));
    assertThat(InflightNodeCount.in(state).retiredSingleStore()).isPresent();
    assertThat(stack().status()).extracting(ServerStatus::name).doesNotContain("mariadb-inflight");

    stack().wipe();

    assertThat(state.resolve("mariadb-inflight")).doesNotExist();
    assertThat(InflightNodeCount.in(state).retiredSingleStore()).isEmpty();
  }

  @Test
  void aCountOutOfRangeIsRefused() {
    assertThatThrownBy(() -> stack(0)).hasMessage("'0' is no count of in-flight nodes: 1 to 8");
    assertThatThrownBy(() -> stack(9)).hasMessage("'9' is no count of in-flight nodes: 1 to 8");
    assertThat(state.resolve("inflight-nodes")).doesNotExist();
  }

  @Test
  void inflightServiceIsToldEveryNodeAndTheControlStoreByTheLaunchersEndpoints() {
    assertThat(InflightNodes.serviceProperties(2))
        .containsAllEntriesOf(StackCredentials.inflight())
        .containsEntry(
            "flightdeck.inflight.nodes.inflight-0.host",
            "${flightdeck.servers.mariadb.inflight-0.host}")
        .containsEntry(
            "flightdeck.inflight.nodes.inflight-0.port",
            "${flightdeck.servers.mariadb.inflight-0.port}")
        .containsEntry(
            "flightdeck.inflight.nodes.inflight-1.host",
            "${flightdeck.servers.mariadb.inflight-1.host}")
        .containsEntry(
            "flightdeck.inflight.nodes.inflight-1.port",
            "${flightdeck.servers.mariadb.inflight-1.port}")
        .containsEntry(
            "flightdeck.inflight.db.user", "${flightdeck.servers.mariadb.inflight-0.user}")
        .containsEntry(
            "flightdeck.inflight.db.password", "${flightdeck.servers.mariadb.inflight-0.password}")
        .containsEntry(
            "flightdeck.inflight.control.host", "${flightdeck.servers.mariadb.control.host}")
        .containsEntry(
            "flightdeck.inflight.control.port", "${flightdeck.servers.mariadb.control.port}")
        .containsEntry(
            "flightdeck.inflight.control.user", "${flightdeck.servers.mariadb.control.user}")
        .containsEntry(
            "flightdeck.inflight.control.password",
            "${flightdeck.servers.mariadb.control.password}")
        .doesNotContainKey("flightdeck.inflight.nodes.inflight-2.host");
  }

  @Test
  void upRefusesACountThatIsNoneAndDocumentsTheOption() {
    StringWriter err = new StringWriter();
    CommandLine line = Flightdeck.commandLine().setErr(new PrintWriter(err));

    assertThat(line.execute("up", "--inflight-nodes", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("'0' is no count of in-flight nodes: 1 to 8");
    assertThat(line.execute("up", "--inflight-nodes", "two")).isEqualTo(2);
    assertThat(err.toString()).contains("Invalid value for option '--inflight-nodes'");

    StringWriter out = new StringWriter();
    line.setOut(new PrintWriter(out)).execute("up", "--help");
    assertThat(out.toString())
        .contains("--inflight-nodes=N")
        .contains("mariadb-inflight-0")
        .contains("else 2");
  }
}
