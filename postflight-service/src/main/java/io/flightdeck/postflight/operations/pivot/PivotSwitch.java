package io.flightdeck.postflight.operations.pivot;

import io.flightdeck.postflight.control.Topology;
import io.flightdeck.postflight.operations.StepContext;
import io.flightdeck.postflight.operations.StepOutcome;
import io.flightdeck.postflight.topology.ServerFacts;
import io.flightdeck.postflight.topology.ServerProbe;
import io.flightdeck.postflight.topology.UnreachableServerException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The switch of a pivot, between the write block and the catalogue: the candidate applies the old
 * primary's last position, then stops replicating and becomes writable. Until the catalogue names
 * it, no instance writes to it, so a candidate that dies or cannot catch up in time is given up
 * safely: the old primary is made writable again (rolled back) and the pivot fails, saying so.
 */
@ApplicationScoped
class PivotSwitch {
  private final PivotServers servers;
  private final ServerProbe probe;
  private final PivotConfig config;

  PivotSwitch(PivotServers servers, ServerProbe probe, PivotConfig config) {
    this.servers = servers;
    this.probe = probe;
    this.config = config;
  }

  Uni<StepOutcome> waitForCandidate(
      Pivot pivot, Topology.Server from, Topology.Server candidate, StepContext step) {
    double seconds = config.candidateWait().toMillis() / 1000.0;
    if (pivot.force()) {
      // The primary is down: what the candidate received is all there is.
      return probe
          .facts(candidate.server())
          .chain(
              facts -> {
                String received =
                    facts
                        .linkTo(from.server().host(), from.server().port())
                        .map(ServerFacts.Link::gtidIoPos)
                        .orElse(facts.gtidCurrentPos());
                return servers
                    .applied(candidate.server(), received, seconds)
                    .map(
                        applied ->
                            applied
                                ? (StepOutcome)
                                    new StepOutcome.Done(
                                        ("%s applied everything it received, up to %s; writes %s took"
                                                + " after that, if any, are lost")
                                            .formatted(candidate.name(), received, from.name()))
                                : new StepOutcome.Waiting(
                                    "%s is still applying what it received (up to %s)"
                                        .formatted(candidate.name(), received)));
              })
          .onFailure(UnreachableServerException.class)
          .recoverWithItem(e -> new StepOutcome.Failed("the candidate " + e.getMessage()));
    }
    return servers
        .binlogPosition(from.server())
        .chain(
            position ->
                step.progress("waiting for %s to apply %s".formatted(candidate.name(), position))
                    .chain(() -> servers.applied(candidate.server(), position, seconds))
                    .chain(
                        applied ->
                            applied
                                ? StepOutcome.done(
                                    "%s applied %s".formatted(candidate.name(), position))
                                : rolledBack(
                                    from,
                                    "%s did not apply %s within %s"
                                        .formatted(
                                            candidate.name(), position, config.candidateWait())))
                    .onFailure(e -> e instanceof UnreachableServerException)
                    .recoverWithUni(e -> rolledBack(from, "the candidate " + e.getMessage())));
  }

  /**
   * Promotes the candidate: once more makes sure it holds every write of the blocked primary (a
   * primary restarted meanwhile forgets {@code read_only}: it is set again), then stops its
   * replication and makes it writable. Done already, it changes nothing.
   */
  Uni<StepOutcome> promote(Pivot pivot, Topology.Server from, Topology.Server candidate) {
    return probe
        .facts(candidate.server())
        .chain(
            facts -> {
              var link = facts.linkTo(from.server().host(), from.server().port());
              if (link.isEmpty() && !facts.readOnly()) {
                return StepOutcome.done(candidate.name() + " is writable already");
              }
              Uni<Void> caughtUp =
                  pivot.force() ? Uni.createFrom().voidItem() : stillCaughtUp(from, candidate);
              String connection = link.map(ServerFacts.Link::connectionName).orElse("");
              return caughtUp
                  .chain(() -> servers.unlinked(candidate.server(), connection))
                  .chain(() -> servers.readOnly(candidate.server(), false))
                  .chain(() -> servers.binlogPosition(candidate.server()))
                  .map(
                      position ->
                          new StepOutcome.Done(
                              "%s replicates no more and takes writes; its position %s"
                                  .formatted(candidate.name(), position)));
            })
        .onFailure(UnreachableServerException.class)
        .recoverWithUni(
            e ->
                pivot.force()
                    ? StepOutcome.failed("the candidate " + e.getMessage())
                    : rolledBack(from, "the candidate " + e.getMessage()));
  }

  private Uni<Void> stillCaughtUp(Topology.Server from, Topology.Server candidate) {
    return servers
        .readOnly(from.server(), true)
        .chain(() -> servers.binlogPosition(from.server()))
        .chain(
            position ->
                servers
                    .applied(
                        candidate.server(), position, config.candidateWait().toMillis() / 1000.0)
                    .invoke(
                        applied -> {
                          if (!applied) {
                            throw new IllegalStateException(
                                "%s has not applied %s's position %s yet"
                                    .formatted(candidate.name(), from.name(), position));
                          }
                        }))
        .replaceWithVoid()
        .onFailure(UnreachableServerException.class)
        // The old primary died after the candidate applied its blocked position: nothing more to
        // wait for.
        .recoverWithNull();
  }

  /** Gives writes back to the old primary and fails the pivot, saying why. */
  Uni<StepOutcome> rolledBack(Topology.Server from, String why) {
    return servers
        .readOnly(from.server(), false)
        .map(
            done ->
                (StepOutcome)
                    new StepOutcome.Failed(
                        "%s; rolled back: %s takes writes again".formatted(why, from.name())))
        .onFailure()
        .recoverWithItem(
            e ->
                new StepOutcome.Failed(
                    "%s; the rollback failed too, %s is still read_only: %s"
                        .formatted(why, from.name(), e.getMessage())));
  }
}
