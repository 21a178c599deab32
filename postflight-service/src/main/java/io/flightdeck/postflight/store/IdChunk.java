package io.flightdeck.postflight.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A shard table walked by ascending id, one chunk at a time, from a cursor that is an id: a split's
 * clone, its deletion and its copy back. An id is not unique in a shard's tables (the primary key
 * is {@code (id, date_created)}: a row copied or replicated from another server keeps that server's
 * id, which this one may have handed out too), so a chunk is the next {@code limit} ids <em>and
 * every row of the last of them</em>: a plain {@code LIMIT} could end between two rows of one id,
 * and the next chunk, strictly after that id, would never see the second.
 *
 * <p>Two statements: the chunk's last id first, then its rows between two known ids, a range the
 * optimizer reads from the primary key of each partition (a bound computed by a subquery in the
 * same statement is not known when the plan is made, and made it scan the whole table).
 */
public final class IdChunk {
  private IdChunk() {}

  /**
   * The chunk after {@code afterId}: {@code select} (a {@code SELECT … FROM table} without its
   * condition) of the rows whose id is among the next {@code limit} ids, ordered by id; empty at
   * the end of the table.
   */
  public static Uni<RowSet<Row>> after(
      SqlClient client, String select, String table, int limit, long afterId) {
    return client
        .preparedQuery(
            "SELECT MAX(id) AS last FROM (SELECT id FROM "
                + table
                + " WHERE id > ? ORDER BY id LIMIT "
                + limit
                + ") AS chunk")
        .execute(Tuple.of(afterId))
        .chain(
            ends -> {
              Long last = ends.iterator().next().getLong("last");
              return client
                  .preparedQuery(select + " WHERE id > ? AND id <= ? ORDER BY id")
                  .execute(Tuple.of(afterId, last == null ? afterId : last));
            });
  }
}
