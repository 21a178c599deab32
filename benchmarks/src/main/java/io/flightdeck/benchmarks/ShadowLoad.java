package io.flightdeck.benchmarks;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * {@link ShadowLatency}'s load on the public list: closed-loop clients, each with one request in
 * flight, or requests at a fixed rate over as many connections. All of it runs on one Vert.x event
 * loop with one HTTP/1.1 connection pool: the load must cost the machine little, or at "70 % of
 * saturation" the load generator itself takes the cores the services need (the JDK's client, one
 * thread a client, cost 0.4 ms of processor a request, as much as the aggregator spent serving it).
 */
final class ShadowLoad implements AutoCloseable {
  /**
   * One window's figures: successful requests per second, their latencies in microseconds,
   * failures.
   */
  record Result(double rate, Histogram latencies, long errors, List<Stall> stalls) {
    /** The stalls in one line (at most ten) ending with a line break, or empty if none. */
    String stallsLine() {
      if (stalls.isEmpty()) {
        return "";
      }
      String listed =
          stalls.stream()
              .limit(10)
              .map(
                  s ->
                      String.format(
                          "%.2f s x%d <= %.0f ms", s.atSeconds(), s.requests(), s.maxMs()))
              .collect(Collectors.joining("; "));
      return String.format(
          "    answers >= %d ms, by when due: %s%s%n",
          SLOW_MICROS / 1000,
          listed,
          stalls.size() > 10 ? "; (+" + (stalls.size() - 10) + " more)" : "");
    }
  }

  /**
   * Requests due within {@value #STALL_GAP_MS} ms of each other that were all answered in {@value
   * #SLOW_MICROS} µs or more: when the first was due (seconds into the window), how many, the
   * slowest. Their times show whether the stalls come at a period (a poll, a flush) or at random.
   */
  record Stall(double atSeconds, int requests, double maxMs) {}

  /** An answer this slow or slower is part of a stall. */
  private static final long SLOW_MICROS = 20_000;

  /** Slow requests due this close together are one stall. */
  private static final long STALL_GAP_MS = 100;

  /** How often the fixed-rate load looks for due requests; they are timed from their due time. */
  private static final long TICK_MS = 1;

  private final Vertx vertx;
  private final HttpClient http;
  private final RequestOptions request;

  ShadowLoad(URI url, String authorization, int clients) {
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    // As many connections as closed-loop clients, in both loads, so the fixed-rate load never has
    // more requests in flight in the services than the saturation it is a share of. A request that
    // finds every connection busy waits in the pool; that wait counts in its latency.
    this.http = KeepAliveClient.to(vertx, url, clients);
    this.request =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setURI(url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()))
            .putHeader(HttpHeaders.AUTHORIZATION, authorization)
            .setIdleTimeout(30_000);
  }

  /** Waits until the aggregator answers with {@code path} in its read-path header. */
  void awaitPath(String path) throws Exception {
    for (int i = 0; i < 120; i++) {
      String served =
          send()
              .map(response -> response.getHeader("Flightdeck-Read-Path"))
              .toCompletionStage()
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);
      if (path.equals(served)) {
        return;
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(
        "the aggregator did not take read path " + path + " within 30 s");
  }

  /** One request; its answer once the whole body has arrived (and been dropped). */
  private Future<HttpClientResponse> send() {
    return http.request(request)
        .compose(r -> r.send())
        .compose(response -> response.end().map(done -> response));
  }

  /**
   * Requests at a fixed rate whatever the answers' pace (open loop), each timed from the moment it
   * was due, so a stall counts for every request it held up. Every {@value #TICK_MS} ms the event
   * loop sends the requests that have come due; those that find every connection busy wait in the
   * pool.
   */
  Result runAt(double perSecond, Duration window) throws Exception {
    long start = System.nanoTime();
    Window measured = new Window(start);
    long end = start + window.toNanos();
    double interval = 1e9 / perSecond;
    AtomicLong sent = new AtomicLong();
    Promise<Void> allSent = Promise.promise();
    vertx.setPeriodic(
        TICK_MS,
        timer -> {
          long now = System.nanoTime();
          for (long due = start + (long) (sent.get() * interval);
              due <= now && due < end;
              due = start + (long) (sent.get() * interval)) {
            sent.incrementAndGet();
            measured.time(due, send());
          }
          if (start + (long) (sent.get() * interval) >= end) {
            vertx.cancelTimer(timer);
            allSent.complete();
          }
        });
    allSent.future().toCompletionStage().toCompletableFuture().get();
    return measured.await(sent.get(), window);
  }

  /** {@code clients} closed loops, each sending its next request when the last is answered. */
  Result run(int clients, Duration window) throws Exception {
    Window measured = new Window(System.nanoTime());
    long end = measured.start + window.toNanos();
    AtomicLong sent = new AtomicLong();
    List<Future<Void>> loops = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      Promise<Void> stopped = Promise.promise();
      vertx.runOnContext(go -> loop(measured, end, sent, stopped));
      loops.add(stopped.future());
    }
    Future.all(loops).toCompletionStage().toCompletableFuture().get();
    return measured.await(sent.get(), window);
  }

  private void loop(Window measured, long end, AtomicLong sent, Promise<Void> stopped) {
    long start = System.nanoTime();
    if (start >= end) {
      stopped.complete();
      return;
    }
    sent.incrementAndGet();
    measured.time(start, send()).onComplete(done -> loop(measured, end, sent, stopped));
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /**
   * The answers of one window, counted on the event loop; read by the waiting thread once {@code
   * answered} (written last) reaches the requests sent.
   */
  private static final class Window {
    private final long start;
    private final Histogram latencies = new Histogram(3);
    private final AtomicLong answered = new AtomicLong();
    private final List<long[]> slow = new ArrayList<>(); // due (ns into the window), latency (µs)
    private long errors;

    Window(long start) {
      this.start = start;
    }

    /** Times one request from {@code since}; completes when it is answered, well or not. */
    Future<Void> time(long since, Future<HttpClientResponse> answer) {
      return answer.transform(
          done -> {
            if (done.succeeded() && done.result().statusCode() == 200) {
              long micros = (System.nanoTime() - since) / 1000;
              latencies.recordValue(micros);
              if (micros >= SLOW_MICROS) {
                slow.add(new long[] {since - start, micros});
              }
            } else {
              errors++;
            }
            answered.incrementAndGet();
            return Future.<Void>succeededFuture();
          });
    }

    /** Waits for every sent request's answer (each has an idle timeout), then sums up. */
    Result await(long sent, Duration window) throws InterruptedException {
      while (answered.get() < sent) {
        Thread.sleep(5);
      }
      return new Result(
          latencies.getTotalCount() / (window.toMillis() / 1000.0), latencies, errors, stalls());
    }

    private List<Stall> stalls() {
      slow.sort(Comparator.comparingLong(request -> request[0]));
      List<Stall> stalls = new ArrayList<>();
      long first = 0;
      long last = Long.MIN_VALUE;
      int requests = 0;
      long max = 0;
      for (long[] request : slow) {
        if (requests > 0 && request[0] - last > STALL_GAP_MS * 1_000_000) {
          stalls.add(new Stall(first / 1e9, requests, max / 1000.0));
          requests = 0;
          max = 0;
        }
        if (requests == 0) {
          first = request[0];
        }
        requests++;
        last = request[0];
        max = Math.max(max, request[1]);
      }
      if (requests > 0) {
        stalls.add(new Stall(first / 1e9, requests, max / 1000.0));
      }
      return stalls;
    }
  }
}
