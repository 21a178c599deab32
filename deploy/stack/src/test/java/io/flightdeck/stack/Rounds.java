package io.flightdeck.stack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Background threads of a test's load, each repeating its round until {@link #close()}, which lets
 * every thread finish the round it is in and waits for it. Daemon threads: a test that fails before
 * closing leaves nothing that keeps the JVM alive.
 */
final class Rounds implements AutoCloseable {
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean stopping;

  /** Starts a thread that runs {@code round} again and again. */
  synchronized Rounds start(String name, Runnable round) {
    Thread thread =
        new Thread(
            () -> {
              while (!stopping) {
                round.run();
              }
            },
            name);
    thread.setDaemon(true);
    threads.add(thread);
    thread.start();
    return this;
  }

  /** True once {@link #close()} has been called: a round should end soon. */
  boolean stopping() {
    return stopping;
  }

  /** A pause inside a round (a rhythm or a back-off, never a wait for a condition). */
  static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    stopping = true;
    for (Thread thread : List.copyOf(threads)) {
      thread.join(Duration.ofSeconds(30).toMillis());
    }
  }
}
