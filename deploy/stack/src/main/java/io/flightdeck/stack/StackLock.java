package io.flightdeck.stack;

import io.flightdeck.servers.CrossProcessLock;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Lets one {@code up} or {@code down} at a time act on a state folder: a {@code down} racing an
 * {@code up} would otherwise stop servers the {@code up} is about to hand to its services. The
 * launcher's {@link CrossProcessLock} on {@code .stack.lock}: an OS file lock, so it is released
 * when its JVM ends, however it ends.
 */
final class StackLock implements AutoCloseable {
  /**
   * An {@code up} of the whole stack may take minutes; a command waits for it, not for a deadline.
   */
  private static final Duration PATIENCE = Duration.ofDays(1);

  private final CrossProcessLock lock;

  private StackLock(CrossProcessLock lock) {
    this.lock = lock;
  }

  /**
   * Waits for the lock of {@code stateFolder}, saying so on stderr when another command holds it.
   */
  static StackLock acquire(Path stateFolder) {
    return new StackLock(
        CrossProcessLock.acquire(
            stateFolder.resolve(".stack.lock"),
            PATIENCE,
            () ->
                System.err.println(
                    "Waiting for another 'deploy/flightdeck up' or 'down' to finish ...")));
  }

  @Override
  public void close() {
    lock.close();
  }
}
