package io.flightdeck.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * {@link ShadowLatency}'s load on the public list: closed-loop clients, each with one request in
 * flight, or requests at a fixed rate; one HTTP/1.1 client.
 */
record ShadowLoad(String url, String authorization) {
  /**
   * One window's figures: successful requests per second, their latencies in microseconds,
   * failures.
   */
  record Result(double rate, Histogram latencies, long errors) {}

  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  void awaitPath(String path) throws Exception {
    for (int i = 0; i < 120; i++) {
      if (path.equals(send().headers().firstValue("Flightdeck-Read-Path").orElse(""))) {
        return;
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(
        "the aggregator did not take read path " + path + " within 30 s");
  }

  HttpResponse<Void> send() throws Exception {
    return HTTP.send(request(), HttpResponse.BodyHandlers.discarding());
  }

  /**
   * Requests sent at a fixed rate whatever the answers' pace (open loop), each timed from the
   * moment it was due, so a stall counts for every request it held up.
   */
  Result runAt(double perSecond, Duration window) throws InterruptedException {
    Histogram latencies = new ConcurrentHistogram(3);
    AtomicLong errors = new AtomicLong();
    long start = System.nanoTime();
    long interval = (long) (1e9 / perSecond);
    List<CompletableFuture<?>> sent = new ArrayList<>();
    for (long due = start; due < start + window.toNanos(); due += interval) {
      long wait = due - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      long dueAt = due;
      sent.add(
          HTTP.sendAsync(request(), HttpResponse.BodyHandlers.discarding())
              .handle(
                  (answer, failure) -> {
                    if (failure == null && answer.statusCode() == 200) {
                      latencies.recordValue((System.nanoTime() - dueAt) / 1000);
                    } else {
                      errors.incrementAndGet();
                    }
                    return null;
                  }));
    }
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
    return new Result(
        latencies.getTotalCount() / (window.toMillis() / 1000.0), latencies, errors.get());
  }

  private HttpRequest request() {
    return HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", authorization)
        .GET()
        .build();
  }

  Result run(int clients, Duration window) throws InterruptedException {
    Histogram latencies = new ConcurrentHistogram(3);
    AtomicLong errors = new AtomicLong();
    long end = System.nanoTime() + window.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      Thread thread =
          new Thread(
              () -> {
                while (System.nanoTime() < end) {
                  long start = System.nanoTime();
                  try {
                    if (send().statusCode() == 200) {
                      latencies.recordValue((System.nanoTime() - start) / 1000);
                    } else {
                      errors.incrementAndGet();
                    }
                  } catch (Exception e) {
                    errors.incrementAndGet();
                  }
                }
              });
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    return new Result(
        latencies.getTotalCount() / (window.toMillis() / 1000.0), latencies, errors.get());
  }
}
