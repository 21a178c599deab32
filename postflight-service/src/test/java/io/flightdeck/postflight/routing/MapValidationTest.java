package io.flightdeck.postflight.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MapValidationTest {
  private static final Set<String> KNOWN = Set.of("shard-0", "shard-1");
  private static final long HALF = 0x8000000000000000L;
  private static final long QUARTER = 0x4000000000000000L;

  private static ShardMap.Assignment range(long start, long end, String shard) {
    return new ShardMap.Assignment(new KeyRange(start, end), shard);
  }

  private static List<String> problems(ShardMap.Assignment... ranges) {
    return MapValidation.problems(new ShardMap(List.of(ranges), Map.of()), KNOWN);
  }

  @Test
  void anEvenMapOfKnownShardsPasses() {
    assertThat(MapValidation.problems(ShardMap.evenly(List.of("shard-0", "shard-1")), KNOWN))
        .isEmpty();
    assertThat(problems(range(0, 0, "shard-0"))).as("one range over the whole keyspace").isEmpty();
  }

  @Test
  void rangesInAnyOrderPassWhenTheyTileTheKeyspace() {
    assertThat(
            problems(
                range(HALF, 0, "shard-1"),
                range(QUARTER, HALF, "shard-0"),
                range(0, QUARTER, "shard-1")))
        .isEmpty();
  }

  @Test
  void aGapInTheMiddleIsNamed() {
    assertThat(problems(range(0, QUARTER, "shard-0"), range(HALF, 0, "shard-1")))
        .containsExactly("gap: no range covers 4000000000000000-8000000000000000");
  }

  @Test
  void aGapAtEitherEndIsNamed() {
    assertThat(problems(range(QUARTER, HALF, "shard-0")))
        .containsExactly(
            "gap: no range covers 0000000000000000-4000000000000000",
            "gap: no range covers 8000000000000000-end");
  }

  @Test
  void aMapWithoutRangesLeavesTheWholeKeyspaceUncovered() {
    assertThat(problems()).containsExactly("gap: no range covers 0000000000000000-end");
  }

  @Test
  void anOverlapIsNamedWithBothRangesAndTheStretchTheyShare() {
    assertThat(problems(range(0, HALF, "shard-0"), range(QUARTER, 0, "shard-1")))
        .containsExactly(
            "overlap: ranges 0000000000000000-8000000000000000 (shard-0) and 4000000000000000-end (shard-1)"
                + " both cover 4000000000000000-8000000000000000");
  }

  @Test
  void aRangeInsideAnotherOverlapsIt() {
    assertThat(problems(range(0, 0, "shard-0"), range(QUARTER, HALF, "shard-1")))
        .containsExactly(
            "overlap: ranges 0000000000000000-end (shard-0) and 4000000000000000-8000000000000000 (shard-1)"
                + " both cover 4000000000000000-8000000000000000");
  }

  @Test
  void aRangeAfterOneReachingTheEndOverlapsIt() {
    assertThat(problems(range(0, 0, "shard-0"), range(HALF, 0, "shard-1")))
        .containsExactly(
            "overlap: ranges 0000000000000000-end (shard-0) and 8000000000000000-end (shard-1) both cover 8000000000000000-end");
  }

  @Test
  void anUnknownShardIsNamedInARangeOrAnOverride() {
    ShardMap map =
        new ShardMap(
            ShardMap.evenly(List.of("shard-0", "shard-9")).ranges(),
            Map.of("AC00000000000000000000000000000001", "shard-7"));
    assertThat(MapValidation.problems(map, KNOWN))
        .containsExactly(
            "range 8000000000000000-end names unknown shard 'shard-9' (known: shard-0, shard-1)",
            "override of AC00000000000000000000000000000001 names unknown shard 'shard-7' (known: shard-0, shard-1)");
  }

  @Test
  void anEmptyRangeIsRefusedAndLeavesItsStretchUncovered() {
    assertThat(problems(range(0, HALF, "shard-0"), range(HALF, HALF, "shard-1")))
        .containsExactly(
            "range 8000000000000000-8000000000000000 is empty: its end must be above its start",
            "gap: no range covers 8000000000000000-end");
  }

  @Test
  void overridesNeedNoRangeOfTheirOwn() {
    ShardMap map =
        new ShardMap(
            List.of(range(0, 0, "shard-0")),
            Map.of("AC00000000000000000000000000000001", "shard-1"));
    assertThat(MapValidation.problems(map, KNOWN)).isEmpty();
    assertThat(map.placement("AC00000000000000000000000000000001").orElseThrow())
        .satisfies(
            p -> {
              assertThat(p.shard()).isEqualTo("shard-1");
              assertThat(p.byOverride()).isTrue();
            });
  }
}
