package io.flightdeck.benchmarks;

import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;

/**
 * A program's servers for one run, and the Vert.x its pools use: closing stops both. Ctrl-C skips
 * the program's {@code finally}, so a shutdown hook stops the servers too (stopping twice is a
 * no-op).
 */
final class RunningServers<S> implements AutoCloseable {
  private final S servers;
  private final Runnable stop;
  private final Thread stopper;
  private Vertx vertx;

  private RunningServers(S servers, Runnable stop) {
    this.servers = servers;
    this.stop = stop;
    this.stopper = new Thread(stop, "stop-benchmark-servers");
    Runtime.getRuntime().addShutdownHook(stopper);
  }

  /** Takes charge of the servers: {@code stop} runs at {@link #close()} or at the JVM's exit. */
  static <S> RunningServers<S> of(S servers, Runnable stop) {
    return new RunningServers<>(servers, stop);
  }

  S servers() {
    return servers;
  }

  /** The run's Vert.x, made on first use. */
  synchronized Vertx vertx() {
    if (vertx == null) {
      vertx = Vertx.vertx();
    }
    return vertx;
  }

  @Override
  public void close() throws Exception {
    try {
      if (vertx != null) {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
    } finally {
      stop.run();
      Runtime.getRuntime().removeShutdownHook(stopper);
    }
  }
}
