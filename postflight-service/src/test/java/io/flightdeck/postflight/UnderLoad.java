package io.flightdeck.postflight;

/**
 * What the tests that publish and read while an operation runs (a split, a pivot, a replica's
 * outage) share: their load threads and pauses.
 */
public final class UnderLoad {
  private UnderLoad() {}

  /** A started daemon thread, so that one a failed test leaves behind never holds the JVM. */
  public static Thread started(Runnable work) {
    Thread thread = new Thread(work);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** Sleeps; an interrupt ends the pause and stays set for the caller's loop to see. */
  public static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
