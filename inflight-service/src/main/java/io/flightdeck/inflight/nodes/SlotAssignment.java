package io.flightdeck.inflight.nodes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which slots change owner when the configured nodes are not all in the map: at the first start
 * every slot is dealt round the nodes; a node that joins later takes over slots from the nodes with
 * the most until every node has about as many. No slot is ever taken from a node for any other
 * reason, and a node that left the configuration keeps its slots (its records are there).
 */
final class SlotAssignment {
  private SlotAssignment() {}

  /** The new owner of each slot that changes, by slot; empty when the map already fits. */
  static SortedMap<Integer, String> changes(Slots current, Set<String> configured) {
    SortedMap<Integer, String> changes = new TreeMap<>();
    List<String> nodes = new ArrayList<>(new TreeSet<>(configured));
    if (nodes.isEmpty()) {
      return changes;
    }
    Map<String, List<Integer>> owned = new TreeMap<>();
    current.owned().forEach((node, slots) -> owned.put(node, new ArrayList<>(slots)));
    for (int slot = 0, next = 0; slot < Slots.COUNT; slot++) {
      if (current.owner(slot).isEmpty()) {
        String node = nodes.get(next++ % nodes.size());
        changes.put(slot, node);
        owned.computeIfAbsent(node, n -> new ArrayList<>()).add(slot);
      }
    }
    List<String> joining = nodes.stream().filter(node -> !owned.containsKey(node)).toList();
    if (joining.isEmpty()) {
      return changes;
    }
    int share = Slots.COUNT / (owned.size() + joining.size());
    for (String node : joining) {
      List<Integer> taken = new ArrayList<>();
      while (taken.size() < share) {
        List<Integer> richest =
            owned.values().stream().max(Comparator.comparingInt(List::size)).orElseThrow();
        if (richest.size() <= share) {
          break;
        }
        Integer slot = richest.remove(richest.size() - 1);
        taken.add(slot);
        changes.put(slot, node);
      }
      owned.put(node, taken);
    }
    return changes;
  }
}
