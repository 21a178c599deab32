package io.flightdeck.benchmarks;

import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.flightdeck.stack.LocalStack;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * Producers as the telephony engines are to inflight-service: each with its own account creates its
 * calls ({@link #createCalls}), then moves them through their {@link CallJourney}s, one request in
 * flight at a time. One HTTP/1.1 client with keep-alive and a connection per producer, on Vert.x's
 * event loops, so the client costs little of the machine the service shares with it.
 */
final class ServiceProducers implements Workload {

  private static final String JSON = "application/json";

  private final Vertx vertx;
  private final HttpClient http;
  private final double completedShare;
  private final List<Producer> producers = new ArrayList<>();
  private final LongAdder createdDuringRun = new LongAdder();
  private final List<String> notes = new ArrayList<>();

  /** Producers each with an account of its own. */
  ServiceProducers(Vertx vertx, URI service, int producers, double completedShare) {
    this(
        vertx,
        service,
        producers,
        completedShare,
        Stream.generate(() -> Sid.mint(SidKind.ACCOUNT).value()).limit(producers).toList());
  }

  /**
   * Producers sharing {@code accounts}: producer i moves calls of account i modulo their number.
   */
  ServiceProducers(
      Vertx vertx, URI service, int producers, double completedShare, List<String> accounts) {
    this.vertx = vertx;
    this.completedShare = completedShare;
    this.http = KeepAliveClient.to(vertx, service, producers);
    for (int i = 0; i < producers; i++) {
      this.producers.add(new Producer(i, accounts.get(i % accounts.size()), new Random(i)));
    }
  }

  @Override
  public String name() {
    return "service";
  }

  /**
   * Every producer creates {@code perProducer} calls, producers in parallel; the calls' Sids queue
   * up for the run. Failed creates are counted in the notes, not retried.
   */
  CompletionStage<Void> createCalls(int perProducer) {
    long start = System.nanoTime();
    LongAdder failed = new LongAdder();
    List<Future<Void>> done =
        producers.stream().map(producer -> createInTurn(producer, perProducer, failed)).toList();
    return Future.all(done)
        .<Void>mapEmpty()
        .onSuccess(
            nothing -> {
              double seconds = (System.nanoTime() - start) / 1e9;
              long created = producers.stream().mapToLong(p -> p.calls.size()).sum();
              notes.add(
                  "created %d calls before the run in %.1f s (%.0f creates/s), %d creates failed"
                      .formatted(created, seconds, created / seconds, failed.sum()));
            })
        .toCompletionStage();
  }

  private Future<Void> createInTurn(Producer producer, int left, LongAdder failed) {
    if (left == 0) {
      return Future.succeededFuture();
    }
    return create(producer)
        .otherwise(
            error -> {
              failed.increment();
              return null;
            })
        .compose(nothing -> createInTurn(producer, left - 1, failed));
  }

  private Future<Void> create(Producer producer) {
    BenchmarkCall call = BenchmarkCall.number(producer.account, producer.created++);
    String key = producer.account + "-" + producer.index + "-" + producer.created;
    return post(calls(producer), call.createJson(), key)
        .compose(
            answer -> {
              if (answer.status != 201) {
                return Future.failedFuture(
                    "create answered HTTP " + answer.status + ": " + answer.body);
              }
              producer.calls.add(answer.body.toJsonObject().getString("sid"));
              return Future.<Void>succeededFuture();
            });
  }

  @Override
  public CompletionStage<Void> run(Measurement measurement) {
    return Workload.all(producers, measurement, this::next)
        .onSuccess(
            nothing -> {
              if (createdDuringRun.sum() > 0) {
                notes.add(
                    "producers ran out of calls and created %d more during the run (their time counts against the rate);"
                            .formatted(createdDuringRun.sum())
                        + " give each more calls before the run (the program's calls-per option)");
              }
            })
        .toCompletionStage();
  }

  private void next(Producer producer, Measurement measurement, Promise<Void> stopped) {
    if (!measurement.open()) {
      stopped.tryComplete();
      return;
    }
    if (producer.betweenCalls() && producer.calls.isEmpty()) {
      createdDuringRun.increment();
      create(producer)
          .onComplete(
              created -> {
                if (created.failed()) {
                  measurement.failed(created.cause());
                }
                after(created.succeeded(), () -> next(producer, measurement, stopped));
              });
      return;
    }
    if (producer.betweenCalls()) {
      producer.startCall(CallJourney.draw(producer.random, completedShare));
    }
    Move move = Move.to(producer.journey.step(producer.step));
    long start = System.nanoTime();
    post(calls(producer) + "/" + producer.sid + "/Transitions", move.json(), null)
        .onComplete(
            answer -> {
              boolean applied = answer.succeeded() && answer.result().status == 200;
              if (applied) {
                measurement.succeeded(start);
                producer.step++;
              } else {
                if (answer.succeeded()) {
                  measurement.failed(
                      "HTTP " + answer.result().status + ": " + answer.result().body);
                } else {
                  measurement.failed(answer.cause());
                }
                producer.abandonCall(); // its state is unknown now
              }
              after(applied, () -> next(producer, measurement, stopped));
            });
  }

  /**
   * Goes on at once after a success; pauses briefly after a failure, so a failing service is not
   * hammered.
   */
  private void after(boolean succeeded, Runnable next) {
    if (succeeded) {
      next.run();
    } else {
      vertx.setTimer(10, id -> next.run());
    }
  }

  private static String calls(Producer producer) {
    return "/internal/v1/Accounts/" + producer.account + "/Calls";
  }

  private Future<Answer> post(String uri, String body, String idempotencyKey) {
    RequestOptions request =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setURI(uri)
            .putHeader(HttpHeaders.CONTENT_TYPE, JSON)
            .putHeader(HttpHeaders.ACCEPT, JSON)
            .putHeader(HttpHeaders.AUTHORIZATION, "Bearer " + LocalStack.DEV_PRODUCER_TOKEN)
            .setIdleTimeout(30_000);
    if (idempotencyKey != null) {
      request.putHeader("Idempotency-Key", idempotencyKey);
    }
    return http.request(request)
        .compose(sending -> sending.send(body))
        .compose(
            response -> response.body().map(buffer -> new Answer(response.statusCode(), buffer)));
  }

  @Override
  public List<String> notes() {
    return List.copyOf(notes);
  }

  Future<Void> close() {
    return http.close();
  }

  private record Answer(int status, Buffer body) {}

  /**
   * One producer: its account, its created calls waiting, and the call it is moving; one request at
   * a time.
   */
  private static final class Producer {
    final int index;
    final String account;
    final Random random;
    final Deque<String> calls = new ArrayDeque<>();
    int created;
    String sid;
    CallJourney journey;
    int step;

    Producer(int index, String account, Random random) {
      this.index = index;
      this.account = account;
      this.random = random;
    }

    boolean betweenCalls() {
      return journey == null || step == journey.length();
    }

    void startCall(CallJourney next) {
      sid = calls.poll();
      journey = next;
      step = 0;
    }

    void abandonCall() {
      step = journey.length();
    }
  }
}
