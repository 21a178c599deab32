package io.flightdeck.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/** Closed-loop readers of the migrating accounts' first public page (PageSize 50). */
final class FirstPageReaders {
  private final URI aggregator;
  private final List<PublicListReaders.Account> accounts;
  private final int threads;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final ConcurrentLinkedQueue<long[]> samples = new ConcurrentLinkedQueue<>();
  private final AtomicInteger failures = new AtomicInteger();
  private final List<Thread> running = new ArrayList<>();
  private volatile boolean stopping;

  FirstPageReaders(URI aggregator, List<PublicListReaders.Account> accounts, int threads) {
    this.aggregator = aggregator;
    this.accounts = accounts;
    this.threads = threads;
  }

  void start() {
    for (int t = 0; t < threads; t++) {
      int first = t;
      Thread thread =
          new Thread(
              () -> {
                for (int turn = first; !stopping; turn++) {
                  read(accounts.get(turn % accounts.size()));
                }
              },
              "reader-" + t);
      thread.setDaemon(true);
      thread.start();
      running.add(thread);
    }
  }

  private void read(PublicListReaders.Account account) {
    long begin = System.nanoTime();
    try {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(
                      aggregator.resolve(
                          "/2010-04-01/Accounts/" + account.sid() + "/Calls.json?PageSize=50"))
                  .header("Authorization", account.authorization())
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() == 200) {
        samples.add(new long[] {begin, (System.nanoTime() - begin) / 1000});
      } else {
        failures.incrementAndGet();
      }
    } catch (Exception e) {
      failures.incrementAndGet();
    }
  }

  /** Reads that failed or answered other than 200. */
  int failures() {
    return failures.get();
  }

  void stop() throws InterruptedException {
    stopping = true;
    for (Thread thread : running) {
      thread.join(30_000);
    }
  }

  Histogram between(long from, long to) {
    Histogram h = new Histogram(3);
    for (long[] sample : samples) {
      if (sample[0] >= from && sample[0] < to) {
        h.recordValue(sample[1]);
      }
    }
    return h;
  }
}
