package io.flightdeck.benchmarks;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.TimeUnit;

/** A benchmark's blocking SQL on a Vert.x pool: the program's own thread waits for each answer. */
final class Sql {
  private Sql() {}

  /** The future's result; a statement on millions of rows may take minutes. */
  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
  }

  /** The one number a {@code SELECT COUNT(*) …} answers. */
  static long count(Pool pool, String sql) throws Exception {
    return await(pool.query(sql).execute()).iterator().next().getLong(0);
  }
}
