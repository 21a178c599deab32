package io.flightdeck.postflight.operations.split;

import io.flightdeck.postflight.control.CatalogueChanges;
import io.flightdeck.postflight.control.ShardMapStore;
import io.flightdeck.postflight.operations.StepContext;
import io.flightdeck.postflight.operations.StepOutcome;
import io.flightdeck.postflight.routing.MapKind;
import io.flightdeck.postflight.routing.MapVersion;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/**
 * The split's {@code cut}, its point of no return: once nothing writes the moved ranges to the
 * source any more and the target has applied everything the source logged, the replication link is
 * stopped and forgotten and the catalogue no longer says the target replicates from the source.
 *
 * <p>"Nothing writes them to the source any more" is three facts: the write map in force sends the
 * split's ranges and accounts to the target; since that version was published, one poll interval
 * (every instance has it in force) plus the ingest shard timeout (a batch routed by the old map has
 * stored or given up) plus a second of margin have passed; and no transaction on the source has
 * been open since before the publication (a batch that gave up at its timeout while the server
 * still ran its statements). Then the source's {@code @@gtid_binlog_pos} holds every write of the
 * moved ranges it will ever take, and {@code MASTER_GTID_WAIT} on the target says when it has
 * applied them.
 *
 * <p>Idempotent: run again after the link was removed, it only clears the catalogue (if its driver
 * was killed between the two).
 */
@ApplicationScoped
class SplitCut {
  private final ShardMapStore maps;
  private final CatalogueChanges changes;
  private final WriteMapSettle settle;

  SplitCut(ShardMapStore maps, CatalogueChanges changes, WriteMapSettle settle) {
    this.maps = maps;
    this.changes = changes;
    this.settle = settle;
  }

  Uni<StepOutcome> cut(SplitRun run, StepContext step) {
    return maps.latest(MapKind.WRITE)
        .chain(
            write -> {
              List<String> notMoved =
                  write
                      .map(w -> MovedMaps.notMoved(w.map(), run.split()))
                      .orElse(List.of("no map"));
              if (!notMoved.isEmpty()) {
                return StepOutcome.waiting(
                    "the write map does not send to %s yet: %s"
                        .formatted(run.split().target(), String.join(", ", notMoved)));
              }
              return settle
                  .settled(write.get(), step, "")
                  .chain(
                      () ->
                          run.withLinkState(
                              (targetPool, state) ->
                                  state.exists()
                                      ? cutWhenApplied(run, targetPool, state, step, write.get())
                                      : forgotten(run.split(), run.link())));
            });
  }

  private Uni<StepOutcome> cutWhenApplied(
      SplitRun run,
      Pool targetPool,
      ReplicationLink.State state,
      StepContext step,
      MapVersion write) {
    if (!state.running()) {
      return StepOutcome.waiting(run.link().notRunning(state));
    }
    return run.onSource(
        sourcePool ->
            settle
                .transactionsBefore(sourcePool, write)
                .chain(
                    open -> {
                      if (open > 0) {
                        return StepOutcome.waiting(
                            "%d transaction(s) on %s began before the write map moved"
                                .formatted(open, run.source().id()));
                      }
                      return ReplicationLink.applied(sourcePool, targetPool)
                          .chain(
                              applied -> {
                                if (!applied) {
                                  String lag =
                                      state.secondsBehind().map(s -> s + " s").orElse("unknown");
                                  return step.progress("replication lag: " + lag)
                                      .replaceWith(
                                          new StepOutcome.Waiting(
                                              "the target has not applied the source's last"
                                                  + " writes yet; replication lag: "
                                                  + lag));
                                }
                                return run.link()
                                    .removed(targetPool)
                                    .chain(
                                        () ->
                                            step.progress(
                                                "replication " + run.link().name() + " removed"))
                                    .chain(() -> forgotten(run.split(), run.link()));
                              });
                    }));
  }

  /** The catalogue's {@code replicates_from} of the target cleared (when still set). */
  private Uni<StepOutcome> forgotten(Split split, ReplicationLink link) {
    return changes
        .replicatesUnlessAlready(split.target(), Optional.empty())
        .replaceWith(
            new StepOutcome.Done(
                "cut: replication %s removed, %s replicates from no shard"
                    .formatted(link.name(), split.target())));
  }
}
