package io.flightdeck.inflight.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

class SlotsTest {

  @Test
  void aMintedSidIsAValidSidInItsSlot() {
    for (int slot = 0; slot < Slots.COUNT; slot++) {
      for (int i = 0; i < 20; i++) {
        String sid = Slots.mint(SidKind.CALL, slot);
        assertThat(new Sid(SidKind.CALL, sid).value()).isEqualTo(sid);
        assertThat(Slots.of(sid)).isEqualTo(slot);
      }
    }
  }

  @Test
  void mintedSidsStayRandomBesidesTheirSlot() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      seen.add(Slots.mint(SidKind.MESSAGE, 7));
    }
    assertThat(seen).hasSize(10_000);
  }

  @Test
  void everySidHasASlotFromItsLastSixBits() {
    assertThat(Slots.of("CA00000000000000000000000000000000")).isZero();
    assertThat(Slots.of("CA0000000000000000000000000000003f")).isEqualTo(63);
    assertThat(Slots.of("CA000000000000000000000000000000ff")).isEqualTo(63);
    assertThat(Slots.of("CA000000000000000000000000000000c1")).isEqualTo(1);
    assertThatThrownBy(() -> Slots.of("CAzz")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aKeyHasOneSlotForItsAccount() {
    assertThat(Slots.ofKey("AC1", "order-1")).isEqualTo(Slots.ofKey("AC1", "order-1"));
    Set<Integer> slots = new HashSet<>();
    for (int i = 0; i < 5_000; i++) {
      slots.add(Slots.ofKey("AC1", "order-" + i));
    }
    assertThat(slots).hasSize(Slots.COUNT);
  }

  @Test
  void theFirstStartDealsEverySlotRoundTheNodes() {
    SortedMap<Integer, String> given =
        SlotAssignment.changes(empty(), Set.of("inflight-1", "inflight-0"));
    assertThat(given).hasSize(Slots.COUNT);
    assertThat(given.values().stream().filter("inflight-0"::equals).count()).isEqualTo(32);
    assertThat(given.get(0)).isEqualTo("inflight-0");
    assertThat(given.get(1)).isEqualTo("inflight-1");
  }

  @Test
  void aJoiningNodeTakesAShareFromTheOthersAndNothingElseMoves() {
    Slots two = apply(empty(), SlotAssignment.changes(empty(), Set.of("a", "b")), 1);
    assertThat(SlotAssignment.changes(two, Set.of("a", "b"))).isEmpty();

    SortedMap<Integer, String> joining = SlotAssignment.changes(two, Set.of("a", "b", "c"));
    assertThat(joining).hasSize(21).allSatisfy((slot, node) -> assertThat(node).isEqualTo("c"));
    Slots three = apply(two, joining, 2);
    Map<String, List<Integer>> owned = three.owned();
    assertThat(owned.get("a").size() + owned.get("b").size()).isEqualTo(43);
    assertThat(Math.abs(owned.get("a").size() - owned.get("b").size())).isLessThanOrEqualTo(1);
    // A moved slot remembers its earlier owner: its older records are still there.
    int moved = joining.firstKey();
    assertThat(three.owners(moved)).hasSize(2).first().isEqualTo("c");
    assertThat(three.owner(moved)).contains("c");
  }

  @Test
  void aNodeLeftOutOfTheConfigurationKeepsItsSlots() {
    Slots two = apply(empty(), SlotAssignment.changes(empty(), Set.of("a", "b")), 1);
    assertThat(SlotAssignment.changes(two, Set.of("a"))).isEmpty();
  }

  private static Slots empty() {
    List<List<String>> owners = new ArrayList<>();
    for (int slot = 0; slot < Slots.COUNT; slot++) {
      owners.add(List.of());
    }
    return new Slots(0, owners);
  }

  private static Slots apply(Slots before, Map<Integer, String> changes, long version) {
    List<List<String>> owners = new ArrayList<>();
    for (int slot = 0; slot < Slots.COUNT; slot++) {
      List<String> each = new ArrayList<>(before.owners(slot));
      if (changes.containsKey(slot)) {
        each.add(0, changes.get(slot));
      }
      owners.add(each);
    }
    return new Slots(version, owners);
  }
}
