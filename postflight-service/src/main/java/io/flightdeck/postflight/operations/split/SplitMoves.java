package io.flightdeck.postflight.operations.split;

import io.flightdeck.postflight.control.CatalogueChanges;
import io.flightdeck.postflight.control.InvalidMapException;
import io.flightdeck.postflight.control.ShardCatalogue;
import io.flightdeck.postflight.control.ShardMapStore;
import io.flightdeck.postflight.control.StaleMapVersionException;
import io.flightdeck.postflight.operations.StepContext;
import io.flightdeck.postflight.operations.StepOutcome;
import io.flightdeck.postflight.routing.MapKind;
import io.flightdeck.postflight.routing.MapVersion;
import io.flightdeck.postflight.store.ShardDefinition;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The split's map moves: {@code move-reads} (the ranges and accounts read from the target, once it
 * replicates the source, the catalogue says so, and it has caught up), {@code move-writes}, and
 * their undo for a cancel before the cut, {@code restore-writes} then {@code restore-reads} (in
 * that order, so that no map in force ever sends writes where reads do not look).
 *
 * <p>Each step is idempotent: it looks at the latest map first, and a map that already says what
 * the step would publish is done (a driver killed after publishing, before recording the end).
 */
@ApplicationScoped
public class SplitMoves {
  static final String MOVE_READS = "move-reads";
  static final String MOVE_WRITES = "move-writes";
  static final String RESTORE_WRITES = "restore-writes";
  static final String RESTORE_READS = "restore-reads";

  private final ShardMapStore maps;
  private final ShardCatalogue catalogue;
  private final CatalogueChanges changes;
  private final AutoIncrementOffsets offsets;
  private final ReplicationNotice notice;

  public SplitMoves(
      ShardMapStore maps,
      ShardCatalogue catalogue,
      CatalogueChanges changes,
      AutoIncrementOffsets offsets,
      ReplicationNotice notice) {
    this.maps = maps;
    this.catalogue = catalogue;
    this.changes = changes;
    this.offsets = offsets;
    this.notice = notice;
  }

  /**
   * Moves reads. Before publishing: the link runs with a known lag (never moved while the lag is
   * unknown), the catalogue records the target as replicating from the source (so the maps agree
   * while writes still go to the source) and every instance has had the time to see that ({@link
   * ReplicationNotice}: each then holds the source's confirmations until the target has the
   * records), and the target has applied the source's position.
   */
  Uni<StepOutcome> moveReads(SplitRun run, StepContext step) {
    return maps.latest(MapKind.READ)
        .map(Optional::orElseThrow)
        .chain(
            read ->
                SplitMaps.isMoved(read.map(), run.split(), run.split().target())
                    ? Uni.createFrom().item(done(read, run.split(), "already"))
                    : run.withLinkState(
                        (targetPool, state) -> {
                          if (!state.running()) {
                            return waiting(
                                step,
                                run.link().notRunning(state)
                                    + "; the read map moves once it runs and has caught up");
                          }
                          if (state.secondsBehind().isEmpty()) {
                            return waiting(
                                step,
                                "replication lag of %s unknown; the read map never moves while it is"
                                    .formatted(run.link().name()));
                          }
                          long lag = state.secondsBehind().get();
                          return replicating(run.split())
                              .chain(() -> noticed(step))
                              .chain(
                                  () ->
                                      run.onSource(
                                          sourcePool ->
                                              ReplicationLink.applied(sourcePool, targetPool)))
                              .chain(
                                  applied ->
                                      applied
                                          ? publish(
                                              MapKind.READ,
                                              run.split(),
                                              run.split().source(),
                                              run.split().target())
                                          : waiting(
                                              step,
                                              "waiting for the target to catch up before moving reads: replication lag "
                                                  + lag
                                                  + " s"));
                        }));
  }

  /**
   * Ids two apart on the two servers, every session opened since ({@link AutoIncrementOffsets}).
   */
  Uni<StepOutcome> autoIncrement(ShardDefinition source, ShardDefinition target, StepContext step) {
    return offsets.set(source, target, step);
  }

  /** Moves writes; the map agreement accepts it only once reads are on the target. */
  Uni<StepOutcome> moveWrites(Split split) {
    return publish(MapKind.WRITE, split, split.source(), split.target());
  }

  /** Undo: writes back to the source (reads still see them: the target replicates the source). */
  Uni<StepOutcome> restoreWrites(Split split) {
    return publish(MapKind.WRITE, split, split.target(), split.source());
  }

  /**
   * Undo: reads back to the source, then the catalogue no longer says the target replicates it (the
   * undo {@code drop-copy} removes the link itself).
   */
  Uni<StepOutcome> restoreReads(Split split) {
    return publish(MapKind.READ, split, split.target(), split.source())
        .call(
            outcome ->
                outcome instanceof StepOutcome.Done
                    ? catalogue
                        .replication()
                        .chain(
                            replication ->
                                split.source().equals(replication.get(split.target()))
                                    ? changes.replicates(split.target(), Optional.empty())
                                    : Uni.createFrom().voidItem())
                    : Uni.createFrom().voidItem());
  }

  /** Waits out what is left of the notice every instance gets of the replication. */
  private Uni<Void> noticed(StepContext step) {
    java.time.Duration left = notice.left(step.operationId());
    if (left.isZero()) {
      return Uni.createFrom().voidItem();
    }
    return step.progress(
            "waiting %d ms for every instance to see that the target replicates the source"
                .formatted(left.toMillis()))
        .onItem()
        .delayIt()
        .by(left);
  }

  private Uni<Void> replicating(Split split) {
    return changes.replicatesUnlessAlready(split.target(), Optional.of(split.source()));
  }

  /**
   * Publishes the latest map of {@code kind} with the split's ranges and accounts on {@code to},
   * unless it says so already. A map changed meanwhile by someone else waits and is read again.
   */
  private Uni<StepOutcome> publish(MapKind kind, Split split, String from, String to) {
    return maps.latest(kind)
        .map(Optional::orElseThrow)
        .chain(
            latest -> {
              if (SplitMaps.isMoved(latest.map(), split, to)) {
                return Uni.createFrom().<StepOutcome>item(done(latest, split, "already"));
              }
              return maps.publish(
                      kind, latest.version(), SplitMaps.moved(latest.map(), split, from, to))
                  .map(published -> done(published, split, "now"))
                  // Changed meanwhile, or refused because the maps would disagree (writes before
                  // reads): read again later.
                  .onFailure(
                      e ->
                          e instanceof StaleMapVersionException || e instanceof InvalidMapException)
                  .recoverWithItem(e -> new StepOutcome.Waiting(e.getMessage()));
            });
  }

  private static StepOutcome done(MapVersion map, Split split, String when) {
    String to =
        SplitMaps.isMoved(map.map(), split, split.target()) ? split.target() : split.source();
    return new StepOutcome.Done(
        "%s map version %d %s sends %s to %s"
            .formatted(map.kind(), map.version(), when, what(split), to));
  }

  private static String what(Split split) {
    String ranges = String.join(", ", split.ranges().stream().map(Object::toString).toList());
    String accounts = String.join(", ", split.accounts());
    return ranges.isEmpty()
        ? "accounts " + accounts
        : "ranges " + ranges + (accounts.isEmpty() ? "" : " and accounts " + accounts);
  }

  private static Uni<StepOutcome> waiting(StepContext step, String reason) {
    return step.progress(reason).replaceWith(new StepOutcome.Waiting(reason));
  }
}
