package io.flightdeck.postflight.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShardMapTest {

  @Test
  void theKeyspaceIdIsStableForAnAccount() {
    assertThat(KeyspaceId.of("AC00000000000000000000000000000001"))
        .isEqualTo(KeyspaceId.of("AC00000000000000000000000000000001"));
    // Pinned: every stored record's shard depends on this value never changing.
    assertThat(KeyspaceId.of("AC00000000000000000000000000000001")).hasToString("882596f72330c7bb");
  }

  @Test
  void evenRangesCoverTheWholeKeyspaceAndSpreadAccounts() {
    ShardMap map = ShardMap.evenly(List.of("shard-0", "shard-1"));
    assertThat(map.ranges().get(0).range().contains(new KeyspaceId(0))).isTrue();
    assertThat(map.ranges().get(0).range().contains(new KeyspaceId(Long.MAX_VALUE))).isTrue();
    assertThat(map.ranges().get(1).range().contains(new KeyspaceId(Long.MIN_VALUE))).isTrue();
    assertThat(map.ranges().get(1).range().contains(new KeyspaceId(-1L))).isTrue();

    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 2000; i++) {
      counts.merge(map.shardFor(Sid.mint(SidKind.ACCOUNT).value()).orElseThrow(), 1, Integer::sum);
    }
    assertThat(counts.get("shard-0")).isBetween(850, 1150);
    assertThat(counts.get("shard-1")).isBetween(850, 1150);
  }

  @Test
  void anOverridePinsOneAccountWhateverItsRange() {
    String account = Sid.mint(SidKind.ACCOUNT).value();
    ShardMap even = ShardMap.evenly(List.of("shard-0", "shard-1"));
    String ranged = even.shardFor(account).orElseThrow();
    String other = ranged.equals("shard-0") ? "shard-1" : "shard-0";
    ShardMap pinned = new ShardMap(even.ranges(), Map.of(account, other));
    assertThat(pinned.shardFor(account)).contains(other);
  }
}
