package io.flightdeck.postflight.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The read and write maps must agree: an account's writes go where its reads see them. Each test
 * walks one order of map changes of a split (shard-1's upper quarter moving to shard-2) and says
 * which steps are refused, because a record written in between would be invisible to readers.
 */
class MapAgreementTest {
  private static final long HALF = 0x8000000000000000L;
  private static final long UPPER_QUARTER = 0xc000000000000000L;
  private static final Map<String, String> NO_REPLICATION = Map.of();
  private static final Map<String, String> TARGET_REPLICATES = Map.of("shard-2", "shard-1");

  private static final ShardMap BEFORE =
      new ShardMap(
          List.of(
              new ShardMap.Assignment(new KeyRange(0, HALF), "shard-0"),
              new ShardMap.Assignment(new KeyRange(HALF, 0), "shard-1")),
          Map.of());
  private static final ShardMap AFTER =
      new ShardMap(
          List.of(
              new ShardMap.Assignment(new KeyRange(0, HALF), "shard-0"),
              new ShardMap.Assignment(new KeyRange(HALF, UPPER_QUARTER), "shard-1"),
              new ShardMap.Assignment(new KeyRange(UPPER_QUARTER, 0), "shard-2")),
          Map.of());

  @Test
  void equalMapsAgree() {
    assertThat(MapAgreement.problems(BEFORE, BEFORE, NO_REPLICATION)).isEmpty();
    assertThat(MapAgreement.problems(AFTER, AFTER, NO_REPLICATION)).isEmpty();
  }

  @Test
  void writesMovedBeforeReadsAreRefusedNamingTheRange() {
    // The order that lost records: writes land on shard-2, readers still look on shard-1.
    assertThat(MapAgreement.problems(BEFORE, AFTER, TARGET_REPLICATES))
        .containsExactly(
            "range c000000000000000-end: writes go to shard-2, but reads go to shard-1, which"
                + " neither is shard-2 nor replicates from it; records written there would be"
                + " invisible to readers");
  }

  @Test
  void readsMovedToAShardThatDoesNotReplicateAreRefused() {
    // Records written on shard-1 after the move would never reach shard-2's readers.
    assertThat(MapAgreement.problems(AFTER, BEFORE, NO_REPLICATION))
        .singleElement()
        .asString()
        .startsWith("range c000000000000000-end: writes go to shard-1, but reads go to shard-2");
  }

  @Test
  void theSplitsOrderAgreesAtEveryStep() {
    // Target replicating: reads move, then writes, then replication is cut.
    assertThat(MapAgreement.problems(AFTER, BEFORE, TARGET_REPLICATES)).isEmpty();
    assertThat(MapAgreement.problems(AFTER, AFTER, TARGET_REPLICATES)).isEmpty();
    assertThat(MapAgreement.problems(AFTER, AFTER, NO_REPLICATION)).isEmpty();
  }

  @Test
  void cuttingReplicationWhileReadsStillRelyOnItIsRefused() {
    assertThat(MapAgreement.problems(AFTER, BEFORE, NO_REPLICATION)).hasSize(1);
  }

  @Test
  void aCancelWalksBackInTheOppositeOrder() {
    // Writes back to the source first (the target still replicates), then reads.
    assertThat(MapAgreement.problems(AFTER, BEFORE, TARGET_REPLICATES)).isEmpty();
    assertThat(MapAgreement.problems(BEFORE, BEFORE, TARGET_REPLICATES)).isEmpty();
    // Reads back first while writes still go to the target would hide the target's writes.
    assertThat(MapAgreement.problems(BEFORE, AFTER, TARGET_REPLICATES)).hasSize(1);
  }

  @Test
  void overridesAreCheckedPerAccount() {
    String account = "AC00000000000000000000000000000001";
    ShardMap pinnedWrites = new ShardMap(BEFORE.ranges(), Map.of(account, "shard-2"));
    ShardMap pinnedReads = new ShardMap(BEFORE.ranges(), Map.of(account, "shard-2"));

    assertThat(MapAgreement.problems(BEFORE, pinnedWrites, TARGET_REPLICATES))
        .singleElement()
        .asString()
        .startsWith("account " + account + ": writes go to shard-2, but reads go to");
    assertThat(MapAgreement.problems(pinnedReads, BEFORE, TARGET_REPLICATES))
        .as("reads pinned to shard-2 see the account's writes on shard-1 only if it is on shard-1")
        .hasSize(BEFORE.shardFor(account).orElseThrow().equals("shard-1") ? 0 : 1);
    assertThat(MapAgreement.problems(pinnedReads, pinnedWrites, NO_REPLICATION)).isEmpty();
  }

  @Test
  void adjacentStretchesWithTheSameProblemAreNamedOnce() {
    ShardMap finer =
        new ShardMap(
            List.of(
                new ShardMap.Assignment(new KeyRange(0, HALF), "shard-0"),
                new ShardMap.Assignment(new KeyRange(HALF, UPPER_QUARTER), "shard-1"),
                new ShardMap.Assignment(new KeyRange(UPPER_QUARTER, 0), "shard-1")),
            Map.of());
    ShardMap allOnZero =
        new ShardMap(List.of(new ShardMap.Assignment(new KeyRange(0, 0), "shard-0")), Map.of());
    assertThat(MapAgreement.problems(allOnZero, finer, NO_REPLICATION))
        .singleElement()
        .asString()
        .startsWith("range 8000000000000000-end: writes go to shard-1, but reads go to shard-0");
  }
}
