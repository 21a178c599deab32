package io.flightdeck.record;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A record kind's state machine as data: the explicit table of legal moves, and the one guarded
 * decision every writer (in-flight, post-flight) takes before changing a status.
 *
 * <p>Thread-safe and immutable.
 */
public final class Lifecycle<S extends Enum<S> & Status> {
  private final Map<S, Set<S>> moves;

  private Lifecycle(Map<S, Set<S>> moves) {
    this.moves = moves;
  }

  public static <S extends Enum<S> & Status> Builder<S> builder(Class<S> type) {
    return new Builder<>(type);
  }

  /** The statuses a record in {@code current} may move to; empty for terminal statuses. */
  public Set<S> allowedFrom(S current) {
    return moves.get(current);
  }

  /**
   * Decides a requested move. Asking for the status the record already has is a no-op (producers
   * retry); anything not in the table is refused with a reason naming the current, requested and
   * allowed statuses.
   */
  public Decision decide(S current, S requested) {
    if (current == requested) {
      return new Decision.AlreadyThere();
    }
    if (moves.get(current).contains(requested)) {
      return new Decision.Apply();
    }
    Set<S> allowed = moves.get(current);
    String allowedNames =
        allowed.isEmpty()
            ? "none, '" + current.wireName() + "' is terminal"
            : allowed.stream().map(Status::wireName).collect(Collectors.joining(", "));
    return new Decision.Refused(
        "cannot move from '%s' to '%s'; allowed from '%s': %s"
            .formatted(current.wireName(), requested.wireName(), current.wireName(), allowedNames));
  }

  /** The outcome of {@link #decide}. */
  public sealed interface Decision {
    /** The move is legal: apply it. */
    record Apply() implements Decision {}

    /** The record already has the requested status: change nothing, answer as success. */
    record AlreadyThere() implements Decision {}

    /** The move would go back or sideways: refuse it, with this reason for the client. */
    record Refused(String reason) implements Decision {}
  }

  /** Collects the table; statuses never mentioned as a source have no moves. */
  public static final class Builder<S extends Enum<S> & Status> {
    private final Class<S> type;
    private final Map<S, Set<S>> moves;
    private S source;

    private Builder(Class<S> type) {
      this.type = type;
      this.moves = new EnumMap<>(type);
      for (S status : type.getEnumConstants()) {
        moves.put(status, EnumSet.noneOf(type));
      }
    }

    public Builder<S> from(S status) {
      this.source = status;
      return this;
    }

    @SafeVarargs
    public final Builder<S> to(S... targets) {
      for (S target : targets) {
        moves.get(source).add(target);
      }
      return this;
    }

    public Lifecycle<S> build() {
      Map<S, Set<S>> frozen = new EnumMap<>(type);
      moves.forEach(
          (from, to) -> {
            if (from.terminal() && !to.isEmpty()) {
              throw new IllegalStateException("terminal status " + from + " cannot have moves");
            }
            frozen.put(from, Collections.unmodifiableSet(EnumSet.copyOf(to)));
          });
      return new Lifecycle<>(Collections.unmodifiableMap(frozen));
    }
  }
}
