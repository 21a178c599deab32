package io.flightdeck.inflight.nodes;

import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One version of the slot map: which node owns each of the {@link #COUNT} slots, and which nodes
 * owned it before. A Sid's slot is its value modulo {@link #COUNT} (its last six bits), so every
 * request on a Sid knows its node without a lookup: DBRW's increment/offset numbering, adapted to
 * random 128-bit Sids. A create on a node mints a Sid in one of the slots that node owns now.
 *
 * <p>Slots move only for new records: when a node joins, it takes over some slots, and the records
 * created in them before stay on their old owner. So a Sid is looked for on its slot's owners,
 * newest first; a slot that never moved has one. Immutable.
 */
public final class Slots {
  /** How many slots there are: fixed for good, since every Sid ever minted encodes one. */
  public static final int COUNT = 64;

  private final long version;
  private final List<List<String>> owners;
  private final Map<String, List<Integer>> owned;

  /**
   * @param version the map's version
   * @param owners each slot's owners, newest first (an empty list: a slot nobody owns)
   */
  public Slots(long version, List<List<String>> owners) {
    if (owners.size() != COUNT) {
      throw new IllegalArgumentException("a slot map has " + COUNT + " slots");
    }
    this.version = version;
    List<List<String>> copy = new ArrayList<>(COUNT);
    owners.forEach(each -> copy.add(List.copyOf(each)));
    this.owners = Collections.unmodifiableList(copy);
    // Computed once per version: every create without a Sid of its own asks for it.
    Map<String, List<Integer>> byNode = new TreeMap<>();
    for (int slot = 0; slot < COUNT; slot++) {
      int s = slot;
      owner(slot).ifPresent(node -> byNode.computeIfAbsent(node, n -> new ArrayList<>()).add(s));
    }
    byNode.replaceAll((node, slots) -> List.copyOf(slots));
    this.owned = Collections.unmodifiableMap(byNode);
  }

  /**
   * The slot of a Sid: the low six bits of its 32 hex digits.
   *
   * @throws IllegalArgumentException when the text does not end in two hex digits
   */
  public static int of(String sid) {
    int last = sid.length() < 2 ? -1 : Character.digit(sid.charAt(sid.length() - 1), 16);
    int before = sid.length() < 2 ? -1 : Character.digit(sid.charAt(sid.length() - 2), 16);
    if (last < 0 || before < 0) {
      throw new IllegalArgumentException("not a Sid: " + sid);
    }
    return ((before & 0x3) << 4) | last;
  }

  /** The slot that holds an account's Idempotency-Key: a retry of a create meets its first try. */
  public static int ofKey(String accountSid, String idempotencyKey) {
    int hash = (accountSid + '\n' + idempotencyKey).hashCode() * 0x9E3779B9;
    return (hash >>> 26) & (COUNT - 1);
  }

  /** A fresh random Sid in {@code slot}: 122 random bits, the last six the slot's. */
  public static String mint(SidKind kind, int slot) {
    String random = Sid.mint(kind).value();
    int lastByte = HexFormat.fromHexDigits(random, random.length() - 2, random.length());
    return random.substring(0, random.length() - 2)
        + HexFormat.of().toHexDigits((byte) ((lastByte & 0xC0) | slot));
  }

  public long version() {
    return version;
  }

  /** The node that owns the slot now (where its new records go). */
  public Optional<String> owner(int slot) {
    List<String> all = owners.get(slot);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  /** Every node that owned the slot, newest first: where its records may be. */
  public List<String> owners(int slot) {
    return owners.get(slot);
  }

  /** The slots each node owns now, by node name. */
  public Map<String, List<Integer>> owned() {
    return owned;
  }
}
