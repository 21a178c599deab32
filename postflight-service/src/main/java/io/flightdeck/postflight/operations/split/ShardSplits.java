package io.flightdeck.postflight.operations.split;

import io.flightdeck.postflight.control.ShardCatalogue;
import io.flightdeck.postflight.control.ShardMapStore;
import io.flightdeck.postflight.operations.OperationDriver;
import io.flightdeck.postflight.operations.OperationRefusedException;
import io.flightdeck.postflight.operations.OperationStatus;
import io.flightdeck.postflight.operations.Operations;
import io.flightdeck.postflight.routing.MapKind;
import io.flightdeck.postflight.routing.MapVersion;
import io.flightdeck.postflight.routing.ShardMap;
import io.flightdeck.postflight.store.ShardDefinition;
import io.flightdeck.postflight.store.Shards;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Starts shard splits after the pre-checks; refused, nothing is stored and nothing changes: an
 * unknown shard or a range or account the source does not own in both maps (400 naming the field),
 * a target that a map names already or that holds rows, or another split or a pivot unfinished on
 * either shard (409). Without ranges and accounts the split moves the upper half of the source's
 * first range.
 *
 * <p>A dry run runs every pre-check and stores the plan as a dry-run operation whose steps say what
 * they would do; a split is the same operation, driven through its steps ({@link ShardSplit}).
 */
@ApplicationScoped
public class ShardSplits {
  private final ShardCatalogue catalogue;
  private final ShardMapStore maps;
  private final Shards shards;
  private final Operations operations;
  private final OperationDriver driver;

  public ShardSplits(
      ShardCatalogue catalogue,
      ShardMapStore maps,
      Shards shards,
      Operations operations,
      OperationDriver driver) {
    this.catalogue = catalogue;
    this.maps = maps;
    this.shards = shards;
    this.operations = operations;
    this.driver = driver;
  }

  /**
   * @param ranges {@code START-END} in 16 hex digits, END empty or {@code end} for the end of the
   *     keyspace
   */
  public Uni<OperationStatus> start(
      String source, String target, List<String> ranges, List<String> accounts, boolean dryRun) {
    SplitRequest request = SplitRequest.checked(source, target, ranges, accounts);
    return catalogue
        .all()
        .map(
            all -> all.stream().collect(Collectors.toMap(ShardDefinition::id, Function.identity())))
        .chain(
            known ->
                maps.latest(MapKind.READ)
                    .chain(read -> maps.latest(MapKind.WRITE).map(write -> List.of(read, write)))
                    .map(inForce -> request.against(known, present(inForce)))
                    .call(split -> noOtherSplit(split))
                    .call(split -> targetEmpty(known.get(split.target()))))
        .chain(
            split ->
                operations.start(
                    ShardSplit.NAME,
                    split.toJson(),
                    dryRun,
                    SplitSteps.names(),
                    false,
                    Optional.of(SplitSteps.CUT)))
        .invoke(started -> driver.kick(started.id()));
  }

  /** The splits started, by id; empty for an id of none (or of another kind of operation). */
  public Uni<Optional<OperationStatus>> status(String id) {
    return operations.ofKind(ShardSplit.NAME, id);
  }

  private static List<ShardMap> present(List<Optional<MapVersion>> inForce) {
    List<ShardMap> present = new ArrayList<>();
    inForce.forEach(
        m ->
            present.add(
                m.orElseThrow(() -> new IllegalStateException("the maps are not seeded")).map()));
    return present;
  }

  private Uni<Void> noOtherSplit(Split split) {
    return operations
        .unfinishedOn(split.source())
        .chain(
            onSource ->
                operations
                    .unfinishedOn(split.target())
                    .invoke(
                        onTarget ->
                            java.util.stream.Stream.concat(onSource.stream(), onTarget.stream())
                                .findFirst()
                                .ifPresent(
                                    op -> {
                                      throw new OperationRefusedException(
                                          "%s %s on %s or %s is unfinished; one operation per shard at a time"
                                              .formatted(
                                                  op.kind(),
                                                  op.id(),
                                                  split.source(),
                                                  split.target()));
                                    })))
        .replaceWithVoid();
  }

  private Uni<Void> targetEmpty(ShardDefinition target) {
    return shards
        .withPool(
            target,
            pool ->
                pool.query(
                        "SELECT (SELECT COUNT(*) FROM calls) + (SELECT COUNT(*) FROM messages) AS n")
                    .execute()
                    .map(rows -> rows.iterator().next().getLong("n")))
        .invoke(
            rows -> {
              if (rows > 0) {
                throw new OperationRefusedException(
                    "target: shard %s holds %d rows; a split's target must be empty"
                        .formatted(target.id(), rows));
              }
            })
        .replaceWithVoid();
  }
}
