package io.flightdeck.benchmarks;

import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The service's outbox after the service phase: the relay deletes a row only once Kafka
 * acknowledged its event, so an outbox that empties shows the completed-call events were published
 * while the transitions ran, as in production, and not left for later.
 */
final class OutboxBacklog {

  private final List<Pool> nodes;

  /**
   * @param nodes a pool on the service's own database of each in-flight node (each has its outbox)
   */
  OutboxBacklog(List<Pool> nodes) {
    this.nodes = List.copyOf(nodes);
  }

  /**
   * Waits until the outbox is empty or the timeout passed; answers what it saw, as a line of the
   * report.
   */
  String awaitDrained(Duration timeout) throws Exception {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    long left = rows();
    while (left > 0 && System.nanoTime() < deadline) {
      Thread.sleep(200);
      left = rows();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return left == 0
        ? "outbox: empty %.1f s after the window (every completed-call event was published to Kafka)"
            .formatted(seconds)
        : "outbox: %d events still unpublished %.0f s after the window (the relay fell behind)"
            .formatted(left, seconds);
  }

  private long rows() throws Exception {
    long rows = 0;
    for (Pool node : nodes) {
      rows +=
          node.query("SELECT COUNT(*) FROM outbox")
              .execute()
              .toCompletionStage()
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS)
              .iterator()
              .next()
              .getLong(0);
    }
    return rows;
  }
}
