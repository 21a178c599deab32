package io.flightdeck.benchmarks;

import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Closed-loop readers of one account's first list page (newest first, 50 records), each with one
 * request in flight, recording when every request started and how long it took, so that latency can
 * be cut afterwards by any window (steady state, during a DELETE, during a DROP PARTITION).
 *
 * <p>Two ways to read: through postflight-service's list API (HTTP, the post-flight leg of the
 * public path), or the same keyset page as SQL straight on the shard.
 */
final class ListReaders implements AutoCloseable {

  /**
   * One request: when it started ({@link System#nanoTime()}) and how long it took, in microseconds;
   * failed or not.
   */
  record Sample(long startNanos, long micros, boolean failed) {
    long endNanos() {
      return startNanos + micros * 1000;
    }
  }

  private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong failures = new AtomicLong();
  private final List<Thread> threads = new ArrayList<>();

  private ListReaders() {}

  /** Readers through postflight-service's list API, with the service credential. */
  static ListReaders service(int readers, URI serviceUrl, String account) {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    HttpRequest page =
        HttpRequest.newBuilder(
                URI.create(serviceUrl + "/internal/v1/Accounts/" + account + "/Calls?PageSize=50"))
            .header("Authorization", "Bearer flightdeck-local-service-token")
            .timeout(Duration.ofSeconds(60))
            .build();
    return start(
        readers,
        () -> {
          HttpResponse<String> answer = http.send(page, HttpResponse.BodyHandlers.ofString());
          if (answer.statusCode() != 200) {
            throw new IllegalStateException("answered " + answer.statusCode());
          }
        });
  }

  /** Readers of the same page as SQL on the shard (the service's keyset statement, first page). */
  static ListReaders shard(int readers, Pool shard, String account) {
    String sql =
        "SELECT * FROM calls WHERE account_sid = ? ORDER BY date_created DESC, sid DESC LIMIT 50";
    return start(
        readers,
        () ->
            shard
                .preparedQuery(sql)
                .execute(Tuple.of(account))
                .toCompletionStage()
                .toCompletableFuture()
                .get());
  }

  @FunctionalInterface
  private interface Read {
    void run() throws Exception;
  }

  private static ListReaders start(int readers, Read read) {
    ListReaders started = new ListReaders();
    for (int i = 0; i < readers; i++) {
      Thread reader =
          new Thread(
              () -> {
                while (started.running.get()) {
                  long begin = System.nanoTime();
                  boolean failed = false;
                  try {
                    read.run();
                  } catch (Exception e) {
                    failed = true;
                    started.failures.incrementAndGet();
                  }
                  started.samples.add(
                      new Sample(begin, (System.nanoTime() - begin) / 1000, failed));
                }
              },
              "list-reader-" + i);
      reader.setDaemon(true);
      reader.start();
      started.threads.add(reader);
    }
    return started;
  }

  /**
   * Latency of the successful requests that overlapped {@code [from, to]} (nanoTime), microseconds.
   */
  Histogram overlapping(long from, long to) {
    Histogram histogram = new Histogram(Duration.ofMinutes(5).toNanos() / 1000, 3);
    for (Sample s : samples) {
      if (!s.failed() && s.startNanos() <= to && s.endNanos() >= from) {
        histogram.recordValue(Math.min(s.micros(), histogram.getHighestTrackableValue()));
      }
    }
    return histogram;
  }

  /** Failed requests that overlapped {@code [from, to]}. */
  long failedOverlapping(long from, long to) {
    return samples.stream()
        .filter(s -> s.failed() && s.startNanos() <= to && s.endNanos() >= from)
        .count();
  }

  long failures() {
    return failures.get();
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    for (Thread thread : threads) {
      thread.join(Duration.ofMinutes(1).toMillis());
    }
  }
}
