package io.flightdeck.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Lets one {@code up} or {@code down} at a time act on a state folder: a {@code down} racing an
 * {@code up} would otherwise stop servers the {@code up} is about to hand to its services. An OS
 * file lock, so it is released when its JVM ends, however it ends.
 */
final class StackLock implements AutoCloseable {

  private final FileChannel channel;
  private final FileLock lock;

  private StackLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Waits for the lock of {@code stateFolder}, saying so on stderr when another command holds it.
   */
  static StackLock acquire(Path stateFolder) {
    try {
      Files.createDirectories(stateFolder);
      FileChannel channel =
          FileChannel.open(
              stateFolder.resolve(".stack.lock"),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        System.err.println("Waiting for another 'deploy/flightdeck up' or 'down' to finish ...");
        lock = channel.lock();
      }
      return new StackLock(channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot lock " + stateFolder, e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
