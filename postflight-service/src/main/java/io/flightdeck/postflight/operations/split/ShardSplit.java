package io.flightdeck.postflight.operations.split;

import io.flightdeck.postflight.control.ShardCatalogue;
import io.flightdeck.postflight.operations.OperationKind;
import io.flightdeck.postflight.operations.Operations;
import io.flightdeck.postflight.operations.StepContext;
import io.flightdeck.postflight.operations.StepOutcome;
import io.flightdeck.postflight.store.ShardDefinition;
import io.flightdeck.postflight.store.Shards;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The shard split as a kind of operation: {@code clone} (a consistent snapshot copied to the
 * target, then replication from its GTID position started), {@code catch-up} (done once the target
 * has applied everything the source logged, within 1 s), {@code move-reads}, {@code auto-increment}
 * and {@code move-writes} ({@link SplitMoves}, {@link AutoIncrementOffsets}), {@code cut} ({@link
 * SplitCut}), {@code delete-moved} ({@link MovedRowsDeletion}) and {@code rebuild} ({@link
 * TableRebuild}); and the undo of a split cancelled before the cut ({@code restore-writes}, {@code
 * copy-back} ({@link CopyBack}), {@code restore-reads}, {@code drop-copy}). In a dry run each step
 * records what it would do and changes nothing.
 */
@ApplicationScoped
public class ShardSplit implements OperationKind {
  public static final String NAME = Operations.SHARD_SPLIT;
  static final String DROP_COPY = "drop-copy";

  private final ShardCatalogue catalogue;
  private final Shards shards;
  private final SplitMoves moves;
  private final SplitCut cut;
  private final MovedRowsDeletion deletion;
  private final CopyBack copyBack;

  public ShardSplit(
      ShardCatalogue catalogue,
      Shards shards,
      SplitMoves moves,
      SplitCut cut,
      MovedRowsDeletion deletion,
      CopyBack copyBack) {
    this.catalogue = catalogue;
    this.shards = shards;
    this.moves = moves;
    this.cut = cut;
    this.deletion = deletion;
    this.copyBack = copyBack;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Uni<StepOutcome> run(StepContext step) {
    if (step.dryRun()) {
      return StepOutcome.wouldDo(SplitSteps.does(step.step()));
    }
    Split split = Split.fromJson(step.parameters());
    return catalogue
        .all()
        .chain(
            all -> {
              Optional<ShardDefinition> source = find(all, split.source());
              Optional<ShardDefinition> target = find(all, split.target());
              if (source.isEmpty() || target.isEmpty()) {
                return StepOutcome.waiting(
                    "shard "
                        + (source.isEmpty() ? split.source() : split.target())
                        + " is not in the catalogue");
              }
              return run(step, split, source.get(), target.get());
            });
  }

  private Uni<StepOutcome> run(
      StepContext step, Split split, ShardDefinition source, ShardDefinition target) {
    ReplicationLink link =
        new ReplicationLink(step.operationId(), source.primary(), target.primary());
    SplitRun on = new SplitRun(shards, split, source, target, link);
    return switch (step.step()) {
      case "clone" -> SplitCatchUp.clone(on, step);
      case "catch-up" -> SplitCatchUp.caughtUp(on, step);
      case DROP_COPY -> SplitCatchUp.dropCopy(shards, target, link);
      case SplitMoves.MOVE_READS -> moves.moveReads(on, step);
      case AutoIncrementOffsets.STEP -> moves.autoIncrement(source, target, step);
      case SplitMoves.MOVE_WRITES -> moves.moveWrites(split);
      case SplitMoves.RESTORE_WRITES -> moves.restoreWrites(split);
      case SplitMoves.RESTORE_READS -> moves.restoreReads(split);
      case SplitSteps.CUT -> cut.cut(on, step);
      case SplitSteps.DELETE_MOVED -> deletion.deleteMoved(on, step);
      case SplitSteps.REBUILD -> TableRebuild.rebuild(shards, source, target, step);
      case CopyBack.STEP -> copyBack.copyBack(on, step);
      default -> StepOutcome.failed("a split has no step " + step.step());
    };
  }

  /**
   * Cancelled before the cut: writes go back to the source first, then reads (each publication
   * keeps the maps agreeing), then the target's copy and the replication link go. After {@code
   * move-writes}, the records stored on the target meanwhile are copied back to the source between
   * the two map moves ({@link CopyBack}).
   */
  @Override
  public List<String> undo(String parameters, List<String> started) {
    List<String> undo = new ArrayList<>();
    if (started.contains(SplitMoves.MOVE_WRITES)) {
      undo.add(SplitMoves.RESTORE_WRITES);
      undo.add(CopyBack.STEP);
    }
    if (started.contains(SplitMoves.MOVE_READS)) {
      undo.add(SplitMoves.RESTORE_READS);
    }
    if (started.contains("clone")) {
      undo.add(DROP_COPY);
    }
    return undo;
  }

  private static Optional<ShardDefinition> find(List<ShardDefinition> all, String id) {
    return all.stream().filter(s -> s.id().equals(id)).findFirst();
  }
}
