package io.flightdeck.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletionStage;

/**
 * Readers of the public call list (the aggregator's {@code Calls.json}, PageSize 50, newest first),
 * each with one request in flight: every request lists one of the accounts (drawn at random) with
 * the next of a fixed round of filters, as a customer's dashboard would while its calls move. An
 * answer other than 200 is a failure.
 *
 * <p>Closed loop by default: a reader asks again as soon as it is answered, so the readers take
 * whatever the design leaves free. With a rate, each reader keeps to its share of it (a request
 * every {@code readers / rate} seconds; when an answer comes late the next request goes at once,
 * and the pace starts again from there, with no debt to catch up), so that two designs are asked
 * for the same reads.
 */
final class PublicListReaders implements Workload {

  /** The filters, in turn: none, by status (a live one, a final one), by callee, by caller. */
  private static final List<String> FILTERS =
      List.of(
          "",
          "&Status=in-progress",
          "&Status=completed",
          "&To=%2B14150000007",
          "&From=%2B14155550100");

  /** An account as a customer reads it: its Sid and its HTTP Basic credentials. */
  record Account(String sid, String authToken) {
    /** A new account, made through the aggregator's {@code POST /admin/v1/Accounts}. */
    static Account create(ServiceClient admin) throws Exception {
      JsonNode created = admin.postJson("/admin/v1/Accounts", "", 201);
      return new Account(created.path("account_sid").asText(), created.path("auth_token").asText());
    }

    String authorization() {
      return "Basic "
          + Base64.getEncoder()
              .encodeToString((sid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
    }
  }

  private final Vertx vertx;
  private final HttpClient http;
  private final List<Account> accounts;
  private final int readers;
  private final long periodNanos;

  /**
   * @param rate lists per second of all readers together; 0 for closed-loop readers
   */
  PublicListReaders(Vertx vertx, URI aggregator, List<Account> accounts, int readers, int rate) {
    this.vertx = vertx;
    this.accounts = List.copyOf(accounts);
    this.readers = readers;
    this.periodNanos = rate == 0 ? 0 : readers * 1_000_000_000L / rate;
    this.http = KeepAliveClient.to(vertx, aggregator, readers);
  }

  @Override
  public String name() {
    return "list";
  }

  @Override
  public CompletionStage<Void> run(Measurement measurement) {
    List<Future<Void>> done = new ArrayList<>();
    for (int i = 0; i < readers; i++) {
      Promise<Void> stopped = Promise.promise();
      long first = System.nanoTime() + i * periodNanos / readers; // staggered
      read(new Random(i), i, first, measurement, stopped);
      done.add(stopped.future());
    }
    return Future.all(done).<Void>mapEmpty().toCompletionStage();
  }

  /**
   * One reader's request, then its next.
   *
   * @param due when this request was due (its pace; unused by closed-loop readers)
   */
  private void read(
      Random random, int turn, long due, Measurement measurement, Promise<Void> stopped) {
    long wait = (due - System.nanoTime()) / 1_000_000;
    if (wait >= 1) {
      vertx.setTimer(wait, id -> read(random, turn, due, measurement, stopped));
      return;
    }
    if (!measurement.open()) {
      stopped.tryComplete();
      return;
    }
    Account account = accounts.get(random.nextInt(accounts.size()));
    RequestOptions request =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setURI(
                "/2010-04-01/Accounts/"
                    + account.sid()
                    + "/Calls.json?PageSize=50"
                    + FILTERS.get(turn % FILTERS.size()))
            .putHeader(HttpHeaders.AUTHORIZATION, account.authorization())
            .setIdleTimeout(30_000);
    long start = System.nanoTime();
    http.request(request)
        .compose(Answer::of)
        .onComplete(
            answer -> {
              boolean ok = answer.succeeded() && answer.result().status() == 200;
              if (ok) {
                measurement.succeeded(start);
              } else if (answer.succeeded()) {
                measurement.failed(
                    "HTTP " + answer.result().status() + ": " + answer.result().body());
              } else {
                measurement.failed(answer.cause());
              }
              // after a failure: 10 ms later
              long nextDue =
                  ok
                      ? Math.max(due + periodNanos, System.nanoTime())
                      : System.nanoTime() + 10_000_000;
              read(random, turn + 1, nextDue, measurement, stopped);
            });
  }

  @Override
  public List<String> notes() {
    return List.of();
  }

  Future<Void> close() {
    return http.close();
  }

  /** Sends a request without a body and reads the whole answer. */
  private record Answer(int status, String body) {
    static Future<Answer> of(io.vertx.core.http.HttpClientRequest request) {
      return request
          .send()
          .compose(
              response ->
                  response.body().map(body -> new Answer(response.statusCode(), body.toString())));
    }
  }
}
