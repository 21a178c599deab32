package io.flightdeck.postflight.operations.pivot;

import io.flightdeck.postflight.control.Topology;
import io.flightdeck.postflight.topology.ServerFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The pre-checks of a pivot judged from what was gathered (no I/O here). A forced pivot is for a
 * primary that is down: it requires the primary unreachable, and skips what only the primary could
 * tell (the candidate's lag, whether its writes can be blocked).
 */
final class PivotJudgement {
  static final String CANDIDATE = "candidate";
  static final String PRIMARY_REACHABLE = "primary-reachable";
  static final String REPLICATING = "candidate-replicating";
  static final String LAG = "candidate-lag";
  static final String PROMOTABLE = "candidate-promotable";
  static final String NO_OTHER_OPERATION = "no-other-operation";
  static final String WRITE_BLOCK = "write-block";

  private PivotJudgement() {}

  /**
   * What the checks are judged from.
   *
   * @param caughtUp whether the candidate applied the primary's position within the allowed lag;
   *     empty when either could not be asked
   * @param writeBlockProblem why read_only would not block the primary's writes; empty when it
   *     would
   * @param others the unfinished operations on the shard, other than the pivot itself
   */
  record Gathered(
      Topology.Shard shard,
      Optional<String> wanted,
      Optional<Topology.Server> candidate,
      Optional<ServerFacts> primary,
      String primaryProblem,
      Optional<ServerFacts> candidateFacts,
      String candidateProblem,
      Optional<Boolean> caughtUp,
      Optional<String> writeBlockProblem,
      List<String> others) {
    String candidateName() {
      return candidate.map(Topology.Server::name).orElse(null);
    }
  }

  static List<PivotCheck> checks(Gathered g, boolean force) {
    List<PivotCheck> checks = new ArrayList<>();
    checks.add(candidate(g));
    checks.add(primary(g, force));
    checks.add(replicating(g, force));
    checks.add(lag(g, force));
    checks.add(promotable(g));
    checks.add(
        g.others().isEmpty()
            ? PivotCheck.pass(NO_OTHER_OPERATION, "no other operation runs on " + g.shard().id())
            : PivotCheck.fail(
                NO_OTHER_OPERATION,
                "unfinished on %s: %s; one operation per shard at a time"
                    .formatted(g.shard().id(), String.join(", ", g.others()))));
    checks.add(writeBlock(g, force));
    return checks;
  }

  private static PivotCheck candidate(Gathered g) {
    String shard = g.shard().id();
    if (g.candidate().isPresent()) {
      return PivotCheck.pass(
          CANDIDATE, "%s is a replica of %s".formatted(g.candidateName(), shard));
    }
    if (g.shard().replicas().isEmpty()) {
      return PivotCheck.fail(
          CANDIDATE,
          "shard %s has no replica; add one with deploy/flightdeck replica add %s"
              .formatted(shard, shard));
    }
    return PivotCheck.fail(
        CANDIDATE,
        "shard %s has no replica named %s (its replicas: %s)"
            .formatted(
                shard,
                g.wanted().orElse(""),
                g.shard().replicas().stream().map(Topology.Server::name).toList()));
  }

  private static PivotCheck primary(Gathered g, boolean force) {
    String name = g.shard().primary().name();
    if (force) {
      return g.primary().isEmpty()
          ? PivotCheck.pass(
              PRIMARY_REACHABLE,
              "primary %s is down (%s): a forced pivot may go on"
                  .formatted(name, g.primaryProblem()))
          : PivotCheck.fail(
              PRIMARY_REACHABLE,
              "primary %s answers: a forced pivot is only for a primary that is down; pivot without --force"
                  .formatted(name));
    }
    return g.primary().isPresent()
        ? PivotCheck.pass(PRIMARY_REACHABLE, "primary %s answers".formatted(name))
        : PivotCheck.fail(PRIMARY_REACHABLE, g.primaryProblem());
  }

  private static PivotCheck replicating(Gathered g, boolean force) {
    if (g.candidateFacts().isEmpty()) {
      return PivotCheck.fail(
          REPLICATING, g.candidate().isEmpty() ? "no candidate" : g.candidateProblem());
    }
    var source = g.shard().primary().server();
    Optional<ServerFacts.Link> link = g.candidateFacts().get().linkTo(source.host(), source.port());
    if (link.isEmpty()) {
      return PivotCheck.fail(
          REPLICATING,
          "%s has no replication link to the primary %s:%d"
              .formatted(g.candidateName(), source.host(), source.port()));
    }
    ServerFacts.Link l = link.get();
    if (l.usingGtid().equalsIgnoreCase("No")) {
      return PivotCheck.fail(
          REPLICATING,
          "%s replicates by binlog file and position, not by GTID".formatted(g.candidateName()));
    }
    boolean running = force ? l.sqlRunning() : l.replicating();
    return running
        ? PivotCheck.pass(
            REPLICATING,
            force
                ? "%s's SQL thread runs (its IO thread: %s)"
                    .formatted(g.candidateName(), l.ioRunning() ? "runs" : "stopped")
                : "%s's IO and SQL threads run".formatted(g.candidateName()))
        : PivotCheck.fail(
            REPLICATING,
            "%s: IO thread %s, SQL thread %s%s"
                .formatted(
                    g.candidateName(),
                    l.ioRunning() ? "runs" : "stopped",
                    l.sqlRunning() ? "runs" : "stopped",
                    l.lastError().isEmpty() ? "" : " (" + l.lastError() + ")"));
  }

  private static PivotCheck lag(Gathered g, boolean force) {
    if (force) {
      return PivotCheck.pass(LAG, "not measurable while the primary is down (forced pivot)");
    }
    if (g.caughtUp().isEmpty()) {
      return PivotCheck.fail(LAG, "unknown: the primary or the candidate did not answer");
    }
    String position = g.primary().map(ServerFacts::gtidBinlogPos).orElse("");
    return g.caughtUp().get()
        ? PivotCheck.pass(
            LAG, "%s applied the primary's position %s".formatted(g.candidateName(), position))
        : PivotCheck.fail(
            LAG,
            "%s has not applied the primary's position %s within the allowed lag"
                .formatted(g.candidateName(), position));
  }

  private static PivotCheck promotable(Gathered g) {
    if (g.candidateFacts().isEmpty()) {
      return PivotCheck.fail(PROMOTABLE, g.candidate().isEmpty() ? "no candidate" : "unknown");
    }
    ServerFacts f = g.candidateFacts().get();
    List<String> missing = new ArrayList<>();
    if (!f.readOnly()) {
      missing.add("read_only is OFF (a replica must be read_only)");
    }
    if (!f.logBin()) {
      missing.add("log_bin is OFF");
    }
    if (!f.logSlaveUpdates()) {
      missing.add("log_slave_updates is OFF (its binary log would lack what it replicated)");
    }
    return missing.isEmpty()
        ? PivotCheck.pass(
            PROMOTABLE,
            "%s is read_only, with log_bin and log_slave_updates".formatted(g.candidateName()))
        : PivotCheck.fail(PROMOTABLE, g.candidateName() + ": " + String.join("; ", missing));
  }

  private static PivotCheck writeBlock(Gathered g, boolean force) {
    if (g.writeBlockProblem().isPresent()) {
      return PivotCheck.fail(WRITE_BLOCK, g.writeBlockProblem().get());
    }
    if (force) {
      return PivotCheck.pass(WRITE_BLOCK, "no write block: the primary is down");
    }
    return g.primary().isEmpty()
        ? PivotCheck.fail(WRITE_BLOCK, "unknown: the primary did not answer")
        : PivotCheck.pass(
            WRITE_BLOCK, "read_only on the primary stops the shard's writes until the switch");
  }

  /**
   * Whether grants ({@code SHOW GRANTS}) let a user write through {@code read_only}: a global
   * {@code READ_ONLY ADMIN}, or {@code ALL PRIVILEGES} on {@code *.*}, which includes it.
   */
  static boolean writesThroughReadOnly(List<String> grants) {
    return grants.stream()
        .map(g -> g.toUpperCase(Locale.ROOT))
        .filter(g -> g.contains(" ON *.* "))
        .anyMatch(
            g ->
                g.contains("READ_ONLY ADMIN")
                    || g.contains("READ ONLY ADMIN")
                    || g.contains("ALL PRIVILEGES"));
  }
}
