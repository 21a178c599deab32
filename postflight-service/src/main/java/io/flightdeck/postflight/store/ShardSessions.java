package io.flightdeck.postflight.store;

/**
 * What every session the services open to a shard is set to, from the catalogue: how the server
 * numbers new rows' ids ({@code auto_increment_increment} and {@code auto_increment_offset}), and a
 * generation that moves on when every instance must open new sessions.
 *
 * @param generation moved on to make every instance replace its pool to the shard
 */
public record ShardSessions(long generation, int idIncrement, int idOffset) {
  /** A shard whose sessions were never changed: ids one apart, from 1. */
  public static final ShardSessions DEFAULT = new ShardSessions(0, 1, 1);

  public ShardSessions {
    if (idIncrement < 1 || idOffset < 1 || idOffset > idIncrement) {
      throw new IllegalArgumentException(
          "id numbering needs 1 <= offset <= increment, got increment %d, offset %d"
              .formatted(idIncrement, idOffset));
    }
  }

  /** The statement that sets a new session to this numbering. */
  String statement() {
    return "SET SESSION auto_increment_increment = %d, auto_increment_offset = %d"
        .formatted(idIncrement, idOffset);
  }
}
