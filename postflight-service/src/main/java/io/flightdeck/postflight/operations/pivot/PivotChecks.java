package io.flightdeck.postflight.operations.pivot;

import io.flightdeck.postflight.control.Topology;
import io.flightdeck.postflight.control.TopologyStore;
import io.flightdeck.postflight.control.UnknownShardException;
import io.flightdeck.postflight.operations.OperationStatus;
import io.flightdeck.postflight.operations.Operations;
import io.flightdeck.postflight.operations.split.ShardSplit;
import io.flightdeck.postflight.store.DatabaseServer;
import io.flightdeck.postflight.topology.ServerFacts;
import io.flightdeck.postflight.topology.ServerProbe;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pre-checks of a pivot, gathered from the topology, the servers and the operations in the
 * control database, then judged ({@link PivotJudgement}). Read only: nothing changes.
 */
@ApplicationScoped
public class PivotChecks {
  private final TopologyStore topology;
  private final ServerProbe probe;
  private final Operations operations;
  private final PivotConfig config;

  public PivotChecks(
      TopologyStore topology, ServerProbe probe, Operations operations, PivotConfig config) {
    this.topology = topology;
    this.probe = probe;
    this.operations = operations;
    this.config = config;
  }

  /**
   * The shard's pivot status towards {@code candidate} (empty: its first replica).
   *
   * @param ignoring an operation not to count as another one on the shard (the pivot itself)
   * @throws UnknownShardException for a shard not in the catalogue
   */
  public Uni<PivotStatus> status(
      String shard, Optional<String> candidate, boolean force, Optional<String> ignoring) {
    return topology
        .read()
        .map(t -> t.shard(shard).orElseThrow(() -> new UnknownShardException(shard)))
        .chain(s -> gather(s, candidate, ignoring))
        .map(g -> PivotStatus.of(shard, g.candidateName(), force, PivotJudgement.checks(g, force)));
  }

  private Uni<PivotJudgement.Gathered> gather(
      Topology.Shard shard, Optional<String> wanted, Optional<String> ignoring) {
    Optional<Topology.Server> candidate =
        wanted.isPresent() ? shard.replica(wanted.get()) : shard.replicas().stream().findFirst();
    DatabaseServer primary = shard.primary().server();
    Uni<Reached> candidateFacts =
        candidate
            .map(c -> reached(probe.facts(c.server())))
            .orElse(Uni.createFrom().item(Reached.none("no candidate")));
    return Uni.combine()
        .all()
        .unis(reached(probe.facts(primary)), candidateFacts, others(shard.id(), ignoring))
        .asTuple()
        .chain(
            found ->
                Uni.combine()
                    .all()
                    .unis(
                        caughtUp(candidate, found.getItem1(), found.getItem2()),
                        writeBlock(primary, found.getItem1()))
                    .asTuple()
                    .map(
                        judged ->
                            new PivotJudgement.Gathered(
                                shard,
                                wanted,
                                candidate,
                                found.getItem1().facts(),
                                found.getItem1().problem(),
                                found.getItem2().facts(),
                                found.getItem2().problem(),
                                judged.getItem1(),
                                judged.getItem2(),
                                found.getItem3())));
  }

  /** A probe's answer, or why there is none. */
  private record Reached(Optional<ServerFacts> facts, String problem) {
    static Reached none(String problem) {
      return new Reached(Optional.empty(), problem);
    }
  }

  private static Uni<Reached> reached(Uni<ServerFacts> probe) {
    return probe
        .map(f -> new Reached(Optional.of(f), ""))
        .onFailure()
        .recoverWithItem(e -> Reached.none(String.valueOf(e.getMessage())));
  }

  /** Whether the candidate applied the primary's position within the allowed lag. */
  private Uni<Optional<Boolean>> caughtUp(
      Optional<Topology.Server> candidate, Reached primary, Reached facts) {
    if (candidate.isEmpty() || primary.facts().isEmpty() || facts.facts().isEmpty()) {
      return Uni.createFrom().item(Optional.empty());
    }
    String position = primary.facts().get().gtidBinlogPos();
    return probe
        .on(
            candidate.get().server(),
            pool ->
                pool.preparedQuery("SELECT MASTER_GTID_WAIT(?, ?)")
                    .execute(Tuple.of(position, config.maxLag().toMillis() / 1000.0)))
        .map(rows -> Optional.of(rows.iterator().next().getInteger(0) == 0))
        .onFailure()
        .recoverWithItem(Optional.empty());
  }

  /**
   * Why {@code read_only} on the primary would not block writes, or empty when it would: the admin
   * user is configured and logs in, and the shards' own user does not hold {@code READ_ONLY ADMIN}.
   */
  private Uni<Optional<String>> writeBlock(DatabaseServer primary, Reached facts) {
    if (config.serverAdminUser().isEmpty()) {
      return Uni.createFrom()
          .item(
              Optional.of(
                  "flightdeck.postflight.pivot.server-admin-user is not set: no user to set read_only with"));
    }
    if (facts.facts().isEmpty()) {
      return Uni.createFrom().item(Optional.empty());
    }
    return probe
        .on(admin(primary), pool -> pool.query("SELECT 1").execute())
        .replaceWith(Optional.<String>empty())
        .onFailure()
        .recoverWithItem(
            e ->
                Optional.of(
                    "the server admin user cannot log in to the primary: " + e.getMessage()))
        .chain(
            problem ->
                problem.isPresent()
                    ? Uni.createFrom().item(problem)
                    : probe
                        .on(primary, pool -> pool.query("SHOW GRANTS").execute())
                        .map(
                            rows -> {
                              List<String> grants = new ArrayList<>();
                              rows.forEach(row -> grants.add(row.getString(0)));
                              return PivotJudgement.writesThroughReadOnly(grants)
                                  ? Optional.of(
                                      "the shard's user %s holds READ_ONLY ADMIN (or ALL PRIVILEGES):"
                                              .formatted(primary.user())
                                          + " read_only would not stop its writes")
                                  : Optional.<String>empty();
                            }));
  }

  /** The shard's primary, logged in as the server admin user. */
  DatabaseServer admin(DatabaseServer server) {
    return new DatabaseServer(
        server.host(),
        server.port(),
        config.serverAdminUser().orElse(server.user()),
        config.serverAdminPassword().orElse(""),
        server.database());
  }

  private Uni<List<String>> others(String shard, Optional<String> ignoring) {
    return operations
        .unfinished(ShardSplit.NAME)
        .chain(
            splits ->
                operations
                    .unfinished(ShardPivot.NAME)
                    .map(
                        pivots -> {
                          List<String> others = new ArrayList<>();
                          for (OperationStatus op :
                              java.util.stream.Stream.concat(splits.stream(), pivots.stream())
                                  .toList()) {
                            if (!op.dryRun()
                                && ignoring.filter(op.id()::equals).isEmpty()
                                && op.parameters().contains("\"" + shard + "\"")) {
                              others.add(op.kind() + " " + op.id());
                            }
                          }
                          return others;
                        }));
  }
}
