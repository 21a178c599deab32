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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * {@link ShadowLatency}'s load on the public list: closed-loop clients, each with one request in
 * flight, or requests at a fixed rate over as many connections. All of it runs on one Vert.x event
 * loop with one HTTP/1.1 connection pool: the load must cost the machine little, or at "70 % of
 * saturation" the load generator itself takes the cores the services need (the JDK's client, one
 * thread a client, cost 0.4 ms of processor a request, as much as the aggregator spent serving it).
 */
final class ShadowLoad implements AutoCloseable {
  /** The aggregator's answer header naming the read path that served (its ReadPathHeader). */
  private static final String READ_PATH_HEADER = "Flightdeck-Read-Path";

  /** How often the fixed-rate load looks for due requests; they are timed from their due time. */
  private static final long TICK_MS = 1;

  private final Vertx vertx;
  private final HttpClient http;
  private final RequestOptions request;
  private volatile String lastServedBy;

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

  /** The read path of the latest successful answer, null before the first. */
  String lastServedBy() {
    return lastServedBy;
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
   * pool. Runs while {@code going}; returns once every request sent is answered.
   */
  Answers runAt(double perSecond, BooleanSupplier going) throws Exception {
    long start = System.nanoTime();
    Window measured = new Window(start);
    double interval = 1e9 / perSecond;
    AtomicLong sent = new AtomicLong();
    Promise<Void> allSent = Promise.promise();
    vertx.setPeriodic(
        TICK_MS,
        timer -> {
          if (!going.getAsBoolean()) {
            vertx.cancelTimer(timer);
            allSent.complete();
            return;
          }
          long now = System.nanoTime();
          for (long due = start + (long) (sent.get() * interval);
              due <= now;
              due = start + (long) (sent.get() * interval)) {
            sent.incrementAndGet();
            measured.time(due, send());
          }
        });
    allSent.future().toCompletionStage().toCompletableFuture().get();
    return measured.await(sent.get());
  }

  /**
   * {@code clients} closed loops, each sending its next request when the last is answered, while
   * {@code going}.
   */
  Answers run(int clients, BooleanSupplier going) throws Exception {
    Window measured = new Window(System.nanoTime());
    AtomicLong sent = new AtomicLong();
    List<Future<Void>> loops = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      Promise<Void> stopped = Promise.promise();
      vertx.runOnContext(go -> loop(measured, going, sent, stopped));
      loops.add(stopped.future());
    }
    Future.all(loops).toCompletionStage().toCompletableFuture().get();
    return measured.await(sent.get());
  }

  private void loop(
      Window measured, BooleanSupplier going, AtomicLong sent, Promise<Void> stopped) {
    if (!going.getAsBoolean()) {
      stopped.complete();
      return;
    }
    sent.incrementAndGet();
    measured
        .time(System.nanoTime(), send())
        .onComplete(done -> loop(measured, going, sent, stopped));
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /**
   * The answers of one run, counted on the event loop; read by the waiting thread once {@code
   * answered} (written last) reaches the requests sent.
   */
  private final class Window {
    private final Answers answers;
    private final AtomicLong answered = new AtomicLong();

    Window(long start) {
      this.answers = new Answers(start);
    }

    /** Times one request from {@code since}; completes when it is answered, well or not. */
    Future<Void> time(long since, Future<HttpClientResponse> answer) {
      return answer.transform(
          done -> {
            long micros = (System.nanoTime() - since) / 1000;
            String servedBy = null;
            if (done.succeeded() && done.result().statusCode() == 200) {
              servedBy = done.result().getHeader(READ_PATH_HEADER);
              lastServedBy = servedBy;
            }
            answers.add(since, micros, servedBy);
            answered.incrementAndGet();
            return Future.<Void>succeededFuture();
          });
    }

    /** Waits for every sent request's answer (each has an idle timeout). */
    Answers await(long sent) throws InterruptedException {
      while (answered.get() < sent) {
        Thread.sleep(5);
      }
      return answers;
    }
  }
}
