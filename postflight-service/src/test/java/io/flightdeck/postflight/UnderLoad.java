package io.flightdeck.postflight;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What the tests that publish and read while an operation runs (a split, a pivot, a replica's
 * outage) share: their load threads, pauses, and a snapshot of what was published by then.
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

  /** The records published so far by account, as they are now (the load goes on adding). */
  public static Map<String, Set<String>> copy(Map<String, Set<String>> published) {
    Map<String, Set<String>> copy = new HashMap<>();
    published.forEach((a, sids) -> copy.put(a, Set.copyOf(sids)));
    return copy;
  }
}
