package io.flightdeck.postflight.operations.split;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flightdeck.postflight.routing.KeyRange;
import java.util.List;
import java.util.Map;

/**
 * What a split moves: the key ranges and the accounts (isolated through overrides) that go from
 * {@code source} to {@code target}; stored as the operation's parameters.
 */
public record Split(String source, String target, List<KeyRange> ranges, List<String> accounts) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public Split {
    ranges = List.copyOf(ranges);
    accounts = List.copyOf(accounts);
  }

  String toJson() {
    try {
      return JSON.writeValueAsString(
          Map.of(
              "source",
              source,
              "target",
              target,
              "ranges",
              ranges.stream().map(KeyRange::toString).toList(),
              "accounts",
              accounts));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static Split fromJson(String stored) {
    try {
      com.fasterxml.jackson.databind.JsonNode node = JSON.readTree(stored);
      return new Split(
          node.get("source").asText(),
          node.get("target").asText(),
          java.util.stream.StreamSupport.stream(node.get("ranges").spliterator(), false)
              .map(r -> stored(r.asText()))
              .toList(),
          java.util.stream.StreamSupport.stream(node.get("accounts").spliterator(), false)
              .map(com.fasterxml.jackson.databind.JsonNode::asText)
              .toList());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored split parameters unreadable: " + stored, e);
    }
  }

  /** A range as {@link KeyRange#toString()} wrote it. */
  private static KeyRange stored(String text) {
    String[] parts = text.split("-", 2);
    return new KeyRange(
        Long.parseUnsignedLong(parts[0], 16),
        parts[1].equals("end") ? 0 : Long.parseUnsignedLong(parts[1], 16));
  }

  /** The split in words, for the plan. */
  String describe() {
    String what =
        ranges.isEmpty()
            ? "accounts " + String.join(", ", accounts)
            : "ranges "
                + String.join(", ", ranges.stream().map(KeyRange::toString).toList())
                + (accounts.isEmpty() ? "" : " and accounts " + String.join(", ", accounts));
    return what + " from " + source + " to " + target;
  }
}
