package io.flightdeck.postflight.store;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Whether a replica serves reads, stored in the control database so that every instance agrees.
 *
 * <ul>
 *   <li>{@code out}: not read; confirmations do not wait for it (once every instance has seen it
 *       out). A replica never marked is out.
 *   <li>{@code catching-up}: not read yet, but every confirmation waits for it to apply its commit.
 *   <li>{@code serving}: read, and every confirmation waits for it.
 * </ul>
 *
 * Going out is always allowed (reads fall back to the primary); coming back goes through {@code
 * catching-up}, and to {@code serving} only after a notice long enough for every instance to wait
 * for it before it confirms anything (No amnesia).
 */
public enum ServingState {
  OUT("out"),
  CATCHING_UP("catching-up"),
  SERVING("serving");

  private static final Map<ServingState, Set<ServingState>> MOVES =
      Map.of(
          OUT, EnumSet.of(CATCHING_UP),
          CATCHING_UP, EnumSet.of(SERVING, OUT),
          SERVING, EnumSet.of(OUT));

  private final String wireName;

  ServingState(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** Whether a replica may move from this state to {@code next}. */
  public boolean mayMoveTo(ServingState next) {
    return MOVES.get(this).contains(next);
  }

  /** Whether confirmations wait for a replica in this state. */
  public boolean awaited() {
    return this != OUT;
  }

  public static Optional<ServingState> parse(String text) {
    return Stream.of(values()).filter(s -> s.wireName.equals(text)).findFirst();
  }
}
