package io.flightdeck.postflight.operations.pivot;

import io.flightdeck.postflight.control.Topology;
import io.flightdeck.postflight.operations.StepOutcome;
import io.flightdeck.postflight.topology.ServerFacts;
import io.flightdeck.postflight.topology.ServerProbe;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * The last step of a pivot: every other server of the shard, the old primary among them, replicates
 * from the new primary, read only. A server that is down is waited for (the step is tried again),
 * so an old primary killed during the pivot rejoins as a replica when it is back. An old primary
 * that holds writes the new primary lacks (a forced pivot) is left out of replication, and the step
 * says which position it holds, so that it is provisioned afresh rather than diverge.
 */
@ApplicationScoped
class PivotRepoint {
  private final PivotServers servers;
  private final ServerProbe probe;

  PivotRepoint(PivotServers servers, ServerProbe probe) {
    this.servers = servers;
    this.probe = probe;
  }

  Uni<StepOutcome> repoint(Pivot pivot, Topology.Shard shard) {
    Topology.Server primary = shard.primary();
    List<String> done = new ArrayList<>();
    List<String> waiting = new ArrayList<>();
    List<String> leftOut = new ArrayList<>();
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (Topology.Server replica : shard.replicas()) {
      chain =
          chain.chain(
              () ->
                  repointed(pivot, primary, replica)
                      .invoke(
                          outcome -> {
                            switch (outcome) {
                              case LINKED -> done.add(replica.name());
                              case DIVERGED -> leftOut.add(replica.name());
                              case UNREACHABLE -> waiting.add(replica.name());
                            }
                          })
                      .replaceWithVoid());
    }
    return chain.map(
        v -> {
          if (!waiting.isEmpty()) {
            return new StepOutcome.Waiting(
                "%s cannot be reached; each rejoins as a replica of %s when it is back"
                    .formatted(String.join(", ", waiting), primary.name()));
          }
          String text =
              "replicas of %s: %s".formatted(primary.name(), done.isEmpty() ? "none" : done);
          return new StepOutcome.Done(
              leftOut.isEmpty()
                  ? text
                  : text
                      + "; left out, holding writes %s lacks (provision them afresh): %s"
                          .formatted(primary.name(), leftOut));
        });
  }

  private enum Repointed {
    LINKED,
    DIVERGED,
    UNREACHABLE
  }

  private Uni<Repointed> repointed(Pivot pivot, Topology.Server primary, Topology.Server replica) {
    var source = primary.server();
    boolean oldPrimary = replica.name().equals(pivot.from());
    return probe
        .facts(replica.server())
        .chain(
            facts -> {
              if (facts.linkTo(source.host(), source.port()).isPresent()) {
                return Uni.createFrom().item(Repointed.LINKED);
              }
              Uni<Boolean> safe =
                  oldPrimary
                      ? servers.applied(source, facts.gtidBinlogPos(), 0)
                      : Uni.createFrom().item(true);
              return safe.chain(
                  ok ->
                      !ok
                          ? Uni.createFrom().item(Repointed.DIVERGED)
                          : unlinkedAll(replica, facts)
                              .chain(() -> servers.linked(replica.server(), primary, oldPrimary))
                              .replaceWith(Repointed.LINKED));
            })
        .onFailure(io.flightdeck.postflight.topology.UnreachableServerException.class)
        .recoverWithItem(Repointed.UNREACHABLE);
  }

  private Uni<Void> unlinkedAll(Topology.Server replica, ServerFacts facts) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (ServerFacts.Link link : facts.links()) {
      chain = chain.chain(() -> servers.unlinked(replica.server(), link.connectionName()));
    }
    return chain;
  }
}
