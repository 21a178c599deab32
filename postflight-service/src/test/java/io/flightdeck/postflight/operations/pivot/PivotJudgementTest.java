package io.flightdeck.postflight.operations.pivot;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightdeck.postflight.control.Topology;
import io.flightdeck.postflight.store.DatabaseServer;
import io.flightdeck.postflight.topology.ServerFacts;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PivotJudgementTest {
  private static final Topology.Server PRIMARY = server("shard-1", 3311);
  private static final Topology.Server REPLICA = server("shard-1-replica-1", 3320);
  private static final Topology.Shard SHARD =
      new Topology.Shard("shard-1", PRIMARY, List.of(REPLICA), Optional.empty());

  @Test
  void aHealthyCaughtUpReplicaPassesEveryCheck() {
    List<PivotCheck> checks =
        PivotJudgement.checks(gathered(replicaFacts(true, true, true)), false);
    assertThat(checks).allMatch(PivotCheck::passed);
    assertThat(checks)
        .extracting(PivotCheck::name)
        .containsExactly(
            "candidate",
            "primary-reachable",
            "candidate-replicating",
            "candidate-lag",
            "candidate-promotable",
            "no-other-operation",
            "write-block");
  }

  @Test
  void aShardWithoutReplicaFailsTheCandidateCheckSayingHowToAddOne() {
    Topology.Shard alone = new Topology.Shard("shard-1", PRIMARY, List.of(), Optional.empty());
    var g =
        new PivotJudgement.Gathered(
            alone,
            Optional.empty(),
            Optional.empty(),
            Optional.of(primaryFacts()),
            "",
            Optional.empty(),
            "no candidate",
            Optional.empty(),
            Optional.empty(),
            List.of());
    assertThat(failed(PivotJudgement.checks(g, false)))
        .containsEntry(
            "candidate",
            "shard shard-1 has no replica; add one with deploy/flightdeck replica add shard-1");
  }

  @Test
  void aStoppedLaggingOrUnpromotableReplicaFailsEachCheckWithItsReason() {
    var facts = replicaFacts(false, true, false);
    var g = gathered(facts, Optional.of(false), Optional.empty(), List.of("shard-split OPx"));
    var failed = failed(PivotJudgement.checks(g, false));
    assertThat(failed.get("candidate-replicating")).contains("IO thread stopped");
    assertThat(failed.get("candidate-lag")).contains("has not applied");
    assertThat(failed.get("candidate-promotable")).contains("log_slave_updates is OFF");
    assertThat(failed.get("no-other-operation")).contains("shard-split OPx");
  }

  @Test
  void aForcedPivotIsRefusedWhileThePrimaryAnswers() {
    var failed = failed(PivotJudgement.checks(gathered(replicaFacts(true, true, true)), true));
    assertThat(failed).containsOnlyKeys("primary-reachable");
    assertThat(failed.get("primary-reachable")).contains("pivot without --force");
  }

  @Test
  void ausersGrantsSayWhetherReadOnlyStopsItsWrites() {
    assertThat(
            PivotJudgement.writesThroughReadOnly(
                List.of("GRANT ALL PRIVILEGES ON *.* TO `flightdeck`@`%` WITH GRANT OPTION")))
        .isTrue();
    assertThat(
            PivotJudgement.writesThroughReadOnly(
                List.of(
                    "GRANT SELECT, INSERT, UPDATE, DELETE, REPLICATION SLAVE ADMIN ON *.* TO `flightdeck`@`%`")))
        .isFalse();
    assertThat(
            PivotJudgement.writesThroughReadOnly(
                List.of("GRANT SELECT, READ_ONLY ADMIN ON *.* TO `ops`@`%`")))
        .isTrue();
  }

  private static java.util.Map<String, String> failed(List<PivotCheck> checks) {
    java.util.Map<String, String> failed = new java.util.LinkedHashMap<>();
    checks.stream().filter(c -> !c.passed()).forEach(c -> failed.put(c.name(), c.reason()));
    return failed;
  }

  private static PivotJudgement.Gathered gathered(ServerFacts replica) {
    return gathered(replica, Optional.of(true), Optional.empty(), List.of());
  }

  private static PivotJudgement.Gathered gathered(
      ServerFacts replica,
      Optional<Boolean> caughtUp,
      Optional<String> blockProblem,
      List<String> others) {
    return new PivotJudgement.Gathered(
        SHARD,
        Optional.empty(),
        Optional.of(REPLICA),
        Optional.of(primaryFacts()),
        "",
        Optional.of(replica),
        "",
        caughtUp,
        blockProblem,
        others);
  }

  private static ServerFacts primaryFacts() {
    return new ServerFacts(
        3311, 3311, false, true, true, "3311-3311-90", "3311-3311-90", List.of());
  }

  private static ServerFacts replicaFacts(boolean io, boolean sql, boolean logSlaveUpdates) {
    var link =
        new ServerFacts.Link(
            "", "127.0.0.1", 3311, io, sql, Optional.of(0L), "", "Slave_Pos", "3311-3311-90");
    return new ServerFacts(
        3320, 3320, true, true, logSlaveUpdates, "", "3311-3311-90", List.of(link));
  }

  private static Topology.Server server(String name, int port) {
    return new Topology.Server(
        name,
        new DatabaseServer("127.0.0.1", port, "flightdeck", "flightdeck", "postflight"),
        Topology.Role.READS,
        OptionalLong.empty(),
        OptionalLong.empty());
  }
}
