package io.flightdeck.postflight.operations.split;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightdeck.postflight.routing.KeyRange;
import io.flightdeck.postflight.routing.ShardMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Whether a map sends what a split moves to its target, and what it does not yet. */
class MovedMapsTest {
  private static final long HALF = 0x8000000000000000L;
  private static final long THREE_QUARTERS = 0xc000000000000000L;
  private final Split upperQuarter =
      new Split("shard-1", "shard-2", List.of(new KeyRange(THREE_QUARTERS, 0)), List.of());

  @Test
  void aMapWithTheRangeOnTheTargetHasMovedIt() {
    ShardMap moved =
        map(
            new ShardMap.Assignment(new KeyRange(0, HALF), "shard-0"),
            new ShardMap.Assignment(new KeyRange(HALF, THREE_QUARTERS), "shard-1"),
            new ShardMap.Assignment(new KeyRange(THREE_QUARTERS, 0), "shard-2"));
    assertThat(MovedMaps.notMoved(moved, upperQuarter)).isEmpty();
  }

  @Test
  void aRangeStillPartlyOnTheSourceIsNamed() {
    ShardMap before = ShardMap.evenly(List.of("shard-0", "shard-1"));
    assertThat(MovedMaps.notMoved(before, upperQuarter))
        .containsExactly("range c000000000000000-end (8000000000000000-end on shard-1)");
  }

  @Test
  void anAccountMovesByItsOverride() {
    Split oneAccount = new Split("shard-1", "shard-2", List.of(), List.of("AC1"));
    ShardMap before = ShardMap.evenly(List.of("shard-0", "shard-1"));
    assertThat(MovedMaps.notMoved(before, oneAccount)).hasSize(1);
    ShardMap pinned = new ShardMap(before.ranges(), Map.of("AC1", "shard-2"));
    assertThat(MovedMaps.notMoved(pinned, oneAccount)).isEmpty();
  }

  private static ShardMap map(ShardMap.Assignment... ranges) {
    return new ShardMap(List.of(ranges), Map.of());
  }
}
