package io.flightdeck.record;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The state machines written out as data ({@code io/flightdeck/record/lifecycles.json}), for tests:
 * every service checks its behaviour against every pair of statuses listed here, so the rules are
 * stated twice — as code in {@link Lifecycle} tables and as this specification — and tests hold the
 * two together.
 */
public final class LifecycleFixtures {
  private LifecycleFixtures() {}

  /** One pair of statuses and what a transition between them must do. */
  public record Move(RecordKind kind, String from, String to, Expected expected) {}

  /** What a transition request must come to. */
  public enum Expected {
    APPLIED,
    NO_OP,
    REFUSED
  }

  /** Every ordered pair of statuses of every kind, with its expected outcome. */
  public static List<Move> everyMove() {
    Map<String, Map<String, List<String>>> spec = load();
    List<Move> moves = new ArrayList<>();
    for (RecordKind kind : RecordKind.values()) {
      Map<String, List<String>> table = spec.get(kind.name().toLowerCase());
      for (String from : table.keySet()) {
        for (String to : table.keySet()) {
          Expected expected =
              from.equals(to)
                  ? Expected.NO_OP
                  : table.get(from).contains(to) ? Expected.APPLIED : Expected.REFUSED;
          moves.add(new Move(kind, from, to, expected));
        }
      }
    }
    return moves;
  }

  private static Map<String, Map<String, List<String>>> load() {
    try (InputStream in = LifecycleFixtures.class.getResourceAsStream("lifecycles.json")) {
      Map<String, Object> raw = new ObjectMapper().readValue(in, new TypeReference<>() {});
      raw.remove("_comment");
      return new ObjectMapper().convertValue(raw, new TypeReference<>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("lifecycles.json is part of record-contract", e);
    }
  }
}
