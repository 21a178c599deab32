package io.flightdeck.postflight.operations.split;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightdeck.postflight.routing.KeyRange;
import io.flightdeck.postflight.routing.MapAgreement;
import io.flightdeck.postflight.routing.MapValidation;
import io.flightdeck.postflight.routing.ShardMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitMapsTest {
  private static final ShardMap EVEN = ShardMap.evenly(List.of("shard-0", "shard-1"));
  private static final String ACCOUNT = "AC00000000000000000000000000000001";

  @Test
  void aRangeInsideTheSourcesRangeMovesAloneAndMovingBackGivesTheMapAgain() {
    Split split =
        new Split("shard-1", "shard-2", List.of(new KeyRange(0xc000000000000000L, 0)), List.of());

    ShardMap moved = SplitMaps.moved(EVEN, split, "shard-1", "shard-2");

    assertThat(moved.ranges())
        .containsExactly(
            new ShardMap.Assignment(new KeyRange(0, 0x8000000000000000L), "shard-0"),
            new ShardMap.Assignment(
                new KeyRange(0x8000000000000000L, 0xc000000000000000L), "shard-1"),
            new ShardMap.Assignment(new KeyRange(0xc000000000000000L, 0), "shard-2"));
    assertThat(MapValidation.problems(moved, Set.of("shard-0", "shard-1", "shard-2"))).isEmpty();
    assertThat(SplitMaps.isMoved(moved, split, "shard-2")).isTrue();
    assertThat(SplitMaps.isMoved(EVEN, split, "shard-2")).isFalse();
    assertThat(SplitMaps.moved(moved, split, "shard-2", "shard-1")).isEqualTo(EVEN);
  }

  @Test
  void aRangeInTheMiddleLeavesTheSourceBothSides() {
    Split split =
        new Split(
            "shard-1",
            "shard-2",
            List.of(new KeyRange(0x9000000000000000L, 0xa000000000000000L)),
            List.of());

    ShardMap moved = SplitMaps.moved(EVEN, split, "shard-1", "shard-2");

    assertThat(moved.ranges())
        .extracting(ShardMap.Assignment::shard)
        .containsExactly("shard-0", "shard-1", "shard-2", "shard-1");
    assertThat(SplitMaps.moved(moved, split, "shard-2", "shard-1")).isEqualTo(EVEN);
  }

  @Test
  void anAccountMovesByAnOverrideWhichGoesAgainWhenItMovesBack() {
    Split split = new Split("shard-1", "shard-2", List.of(), List.of(ACCOUNT));

    ShardMap moved = SplitMaps.moved(EVEN, split, "shard-1", "shard-2");

    assertThat(moved.overrides()).isEqualTo(Map.of(ACCOUNT, "shard-2"));
    assertThat(moved.ranges()).isEqualTo(EVEN.ranges());
    assertThat(SplitMaps.isMoved(moved, split, "shard-2")).isTrue();
    assertThat(SplitMaps.moved(moved, split, "shard-2", "shard-1")).isEqualTo(EVEN);
  }

  @Test
  void readsMovedFirstAgreeWithWritesOnTheSourceOnlyWhileTheTargetReplicatesIt() {
    Split split =
        new Split(
            "shard-1", "shard-2", List.of(new KeyRange(0xc000000000000000L, 0)), List.of(ACCOUNT));
    ShardMap reads = SplitMaps.moved(EVEN, split, "shard-1", "shard-2");

    assertThat(MapAgreement.problems(reads, EVEN, Map.of("shard-2", "shard-1"))).isEmpty();
    assertThat(MapAgreement.problems(reads, EVEN, Map.of())).hasSize(2);
    assertThat(MapAgreement.problems(EVEN, reads, Map.of("shard-2", "shard-1")))
        .as("writes before reads")
        .isNotEmpty();
  }
}
