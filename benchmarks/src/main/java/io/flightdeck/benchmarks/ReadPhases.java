package io.flightdeck.benchmarks;

import io.flightdeck.stack.LocalStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/**
 * {@link ReplicaReads}' load: closed-loop clients reading a random account's first page through
 * postflight-service's internal API for a warm-up and a timed window, and which server answered
 * them, from the service's {@code postflight_reads_total} counters.
 */
final class ReadPhases {
  /** One timed window's reads. */
  record Phase(
      String name,
      double perSecond,
      double p50Ms,
      double p99Ms,
      long failed,
      double replicaShare) {}

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String url;
  private final int clients;
  private final int warmUp;
  private final int seconds;

  ReadPhases(String url, int clients, int warmUp, int seconds) {
    this.url = url;
    this.clients = clients;
    this.warmUp = warmUp;
    this.seconds = seconds;
  }

  Phase measure(List<String> accountSids, String name) throws Exception {
    System.out.printf("reads: %s, %d s warm-up, %d s measured …%n", name, warmUp, seconds);
    double replicaBefore = counter("shard-1-replica");
    double primaryBefore = counter("primary");
    Recorder latency = new Recorder(3);
    AtomicLong failed = new AtomicLong();
    AtomicLong done = new AtomicLong();
    long warmEnd = System.nanoTime() + Duration.ofSeconds(warmUp).toNanos();
    long end = warmEnd + Duration.ofSeconds(seconds).toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      threads.add(
          started(
              () -> {
                while (System.nanoTime() < end) {
                  String account =
                      accountSids.get(ThreadLocalRandom.current().nextInt(accountSids.size()));
                  long start = System.nanoTime();
                  boolean ok = read("/internal/v1/Accounts/" + account + "/Calls?PageSize=50");
                  long took = System.nanoTime() - start;
                  if (start >= warmEnd) {
                    done.incrementAndGet();
                    latency.recordValue(Math.max(1, took / 1000));
                    if (!ok) {
                      failed.incrementAndGet();
                    }
                  }
                }
              }));
    }
    for (Thread t : threads) {
      t.join();
    }
    var histogram = latency.getIntervalHistogram();
    double fromReplica = counter("shard-1-replica") - replicaBefore;
    double fromPrimary = counter("primary") - primaryBefore;
    return new Phase(
        name,
        done.get() / (double) seconds,
        histogram.getValueAtPercentile(50) / 1000.0,
        histogram.getValueAtPercentile(99) / 1000.0,
        failed.get(),
        fromReplica + fromPrimary == 0 ? 0 : fromReplica / (fromReplica + fromPrimary));
  }

  private static Thread started(Runnable work) {
    Thread thread = new Thread(work, "replica-reads-client");
    thread.start();
    return thread;
  }

  private boolean read(String path) {
    try {
      HttpResponse<byte[]> answer =
          http.send(
              HttpRequest.newBuilder(URI.create(url + path))
                  .header("Authorization", "Bearer " + LocalStack.DEV_SERVICE_TOKEN)
                  .timeout(Duration.ofSeconds(30))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      return answer.statusCode() == 200;
    } catch (Exception e) {
      return false;
    }
  }

  /** {@code postflight_reads_total} of shard-1 for a target, from the service's scrape. */
  private double counter(String target) throws Exception {
    String scrape =
        http.send(
                HttpRequest.newBuilder(URI.create(url + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    return scrape
        .lines()
        .filter(l -> l.startsWith("postflight_reads_total{"))
        .filter(l -> l.contains("shard=\"shard-1\"") && l.contains("target=\"" + target + "\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }
}
