package io.flightdeck.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
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

  /** Threads of the fixed-rate load: twice the closed-loop clients, so a slow answer holds none. */
  private static final int SENDERS = 16;

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
   * Requests at a fixed rate whatever the answers' pace (open loop), each timed from the moment it
   * was due, so a stall counts for every request it held up. The requests are sent by {@value
   * #SENDERS} threads, each taking the next due time and sending synchronously, as the closed-loop
   * clients do: the JDK client's asynchronous sends cost the machine more per request than the
   * synchronous ones, so at 70 % of a rate measured with synchronous clients the load itself took
   * the cores the services needed, and every path's latency ran away.
   */
  Result runAt(double perSecond, Duration window) throws InterruptedException {
    Histogram latencies = new ConcurrentHistogram(3);
    AtomicLong errors = new AtomicLong();
    AtomicLong tickets = new AtomicLong();
    long start = System.nanoTime();
    long end = start + window.toNanos();
    double interval = 1e9 / perSecond;
    List<Thread> senders = new ArrayList<>();
    for (int s = 0; s < SENDERS; s++) {
      Thread sender =
          new Thread(
              () -> {
                for (long due = start; due < end; ) {
                  due = start + (long) (tickets.getAndIncrement() * interval);
                  if (due >= end) {
                    return;
                  }
                  long wait = due - System.nanoTime();
                  if (wait > 0) {
                    LockSupport.parkNanos(wait);
                  }
                  try {
                    if (send().statusCode() == 200) {
                      latencies.recordValue((System.nanoTime() - due) / 1000);
                    } else {
                      errors.incrementAndGet();
                    }
                  } catch (Exception e) {
                    errors.incrementAndGet();
                  }
                }
              });
      sender.start();
      senders.add(sender);
    }
    for (Thread sender : senders) {
      sender.join();
    }
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
