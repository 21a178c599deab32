package io.flightdeck.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock on a file, held against other threads and other JVMs (several test JVMs, or the
 * stack command and a test run, may start the same server or unpack the same binaries).
 */
public final class CrossProcessLock implements AutoCloseable {

  /** File locks belong to the whole JVM: threads first queue here. */
  private static final Map<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

  private final ReentrantLock local;
  private final FileChannel channel;
  private final FileLock lock;

  private CrossProcessLock(ReentrantLock local, FileChannel channel, FileLock lock) {
    this.local = local;
    this.channel = channel;
    this.lock = lock;
  }

  /** Waits at most {@code timeout} for the lock, then fails naming the file. */
  static CrossProcessLock acquire(Path file, Duration timeout) {
    return acquire(file, timeout, () -> {});
  }

  /**
   * Waits at most {@code timeout} for the lock, then fails naming the file; {@code onWait} runs
   * once if another process holds it, so a command can say what it waits for.
   */
  public static CrossProcessLock acquire(Path file, Duration timeout, Runnable onWait) {
    Path key = file.toAbsolutePath().normalize();
    ReentrantLock local = IN_THIS_JVM.computeIfAbsent(key, k -> new ReentrantLock());
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      if (!local.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(
            "Timed out after " + timeout.toSeconds() + " s waiting for lock " + key);
      }
      Files.createDirectories(key.getParent());
      FileChannel channel =
          FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      boolean said = false;
      while (true) {
        try {
          FileLock lock = channel.tryLock();
          if (lock != null) {
            return new CrossProcessLock(local, channel, lock);
          }
        } catch (OverlappingFileLockException heldByAnotherClassLoaderOfThisJvm) {
          // Quarkus tests may load this class twice; the other copy's lock is released soon.
        }
        if (!said) {
          onWait.run();
          said = true;
        }
        if (System.nanoTime() > deadline) {
          channel.close();
          throw new IllegalStateException(
              "Timed out after "
                  + timeout.toSeconds()
                  + " s waiting for lock "
                  + key
                  + " (held by another process)");
        }
        Thread.sleep(100);
      }
    } catch (IOException e) {
      unlockQuietly(local);
      throw new UncheckedIOException("Cannot lock " + key, e);
    } catch (InterruptedException e) {
      unlockQuietly(local);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for lock " + key, e);
    } catch (RuntimeException e) {
      unlockQuietly(local);
      throw e;
    }
  }

  private static void unlockQuietly(ReentrantLock local) {
    if (local.isHeldByCurrentThread()) {
      local.unlock();
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      local.unlock();
    }
  }
}
