package io.flightdeck.postflight.store;

import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A shard table walked by ascending id, one chunk at a time, from a cursor that is an id: a split's
 * clone, its deletion and its copy back. An id is not unique in a shard's tables (the primary key
 * is {@code (id, date_created)}: a row copied or replicated from another server keeps that server's
 * id, which this one may have handed out too), so a chunk is the next {@code limit} ids <em>and
 * every row of the last of them</em>: a plain {@code LIMIT} could end between two rows of one id,
 * and the next chunk, strictly after that id, would never see the second.
 */
public final class IdChunk {
  private IdChunk() {}

  /**
   * The condition of the chunk after an id, on {@code table}; it takes the id twice ({@link
   * #after}).
   */
  public static String condition(String table, int limit) {
    return "id > ? AND id <= (SELECT MAX(id) FROM (SELECT id FROM "
        + table
        + " WHERE id > ? ORDER BY id LIMIT "
        + limit
        + ") AS chunk)";
  }

  /** The parameters of {@link #condition} for the chunk after {@code afterId}. */
  public static Tuple after(long afterId) {
    return Tuple.of(afterId, afterId);
  }
}
