package io.flightdeck.benchmarks;

import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Producers of {@link WriteNodes}: threads that each send one request at a time to inflight-service
 * (the JDK's client, synchronously: its asynchronous sends took the cores the service needed, see
 * {@link ShadowLoad}), each with an account of its own and no Idempotency-Key, so every create goes
 * to a weighted-random healthy node.
 */
final class NodeLoad {
  private static final Pattern SID = Pattern.compile("\"sid\"\\s*:\\s*\"(CA[0-9a-f]{32})\"");
  private static final String CALL = "{\"from\": \"+14155550100\", \"to\": \"+14155550101\"}";
  private static final List<String> PATH = List.of("ringing", "in-progress", "completed");

  private final URI service;
  private final String token;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private volatile boolean measuring;
  private volatile boolean stopping;

  NodeLoad(URI service, String token) {
    this.service = service;
    this.token = token;
  }

  /** One measured window of call journeys. */
  record Result(
      long creates,
      long transitions,
      long errors,
      double seconds,
      Histogram create,
      Histogram move) {
    double operationsPerSecond() {
      return (creates + transitions) / seconds;
    }

    void print(String round, String nodes, PrintStream out) {
      out.printf(
          "%-6s %-6s %10.0f %14.0f %14.2f %14.2f %14.2f %14.2f %7d%n",
          round,
          nodes,
          creates / seconds,
          transitions / seconds,
          millis(create, 50),
          millis(create, 99),
          millis(move, 50),
          millis(move, 99),
          errors);
    }
  }

  /** What the creates saw around a node's kill. */
  record Kill(
      long createdAfter,
      double p99AfterMillis,
      double p99BeforeMillis,
      long failed,
      long lastFailureMillis) {}

  /** Calls created and moved to completed by {@code producers}, measured after a warm-up. */
  Result journeys(int producers, int warmUpSeconds, int seconds) throws InterruptedException {
    Histogram create = new ConcurrentHistogram(3);
    Histogram move = new ConcurrentHistogram(3);
    LongAdder creates = new LongAdder();
    LongAdder transitions = new LongAdder();
    LongAdder errors = new LongAdder();
    List<Thread> threads =
        start(
            producers,
            account -> {
              long started = System.nanoTime();
              HttpResponse<String> made = send(calls(account), CALL);
              if (made == null || made.statusCode() != 201) {
                count(errors);
                return;
              }
              record(create, creates, started);
              String sid = sidOf(made.body());
              for (String status : PATH) {
                long sent = System.nanoTime();
                HttpResponse<String> moved =
                    send(
                        calls(account) + "/" + sid + "/Transitions",
                        "{\"status\": \"" + status + "\"}");
                if (moved == null || moved.statusCode() != 200) {
                  count(errors);
                  return;
                }
                record(move, transitions, sent);
              }
            });
    Thread.sleep(warmUpSeconds * 1000L);
    measuring = true;
    long from = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    measuring = false;
    double took = (System.nanoTime() - from) / 1e9;
    stop(threads);
    return new Result(creates.sum(), transitions.sum(), errors.sum(), took, create, move);
  }

  /** Creates only, from {@code producers}; {@code kill} runs {@code before} seconds in. */
  Kill createsThroughAKill(int producers, int beforeSeconds, int afterSeconds, Runnable kill)
      throws InterruptedException {
    Queue<long[]> answers = new ConcurrentLinkedQueue<>(); // started, took, 1 if 2xx
    List<Thread> threads =
        start(
            producers,
            account -> {
              long started = System.nanoTime();
              HttpResponse<String> made = send(calls(account), CALL);
              boolean ok = made != null && made.statusCode() == 201;
              answers.add(new long[] {started, System.nanoTime() - started, ok ? 1 : 0});
            });
    Thread.sleep(Math.max(1, beforeSeconds) * 1000L);
    long killedAt = System.nanoTime();
    kill.run();
    Thread.sleep(afterSeconds * 1000L);
    stop(threads);
    Histogram before = new Histogram(3);
    Histogram after = new Histogram(3);
    long createdAfter = 0;
    long failed = 0;
    long lastFailure = 0;
    long window = afterSeconds * 1_000_000_000L;
    for (long[] answer : answers) {
      long since = answer[0] - killedAt;
      if (answer[2] == 1) {
        if (since < 0) {
          before.recordValue(answer[1] / 1000);
        } else if (since <= window) {
          after.recordValue(answer[1] / 1000);
          createdAfter++;
        }
      } else if (since >= 0) {
        failed++;
        lastFailure = Math.max(lastFailure, since / 1_000_000);
      }
    }
    return new Kill(createdAfter, millis(after, 99), millis(before, 99), failed, lastFailure);
  }

  private interface Step {
    void run(String account);
  }

  private List<Thread> start(int producers, Step step) {
    measuring = false;
    stopping = false;
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < producers; i++) {
      String account = Sid.mint(SidKind.ACCOUNT).value();
      Thread thread =
          new Thread(
              () -> {
                while (!stopping) {
                  step.run(account);
                }
              },
              "producer-" + i);
      thread.start();
      threads.add(thread);
    }
    return threads;
  }

  private void stop(List<Thread> threads) throws InterruptedException {
    stopping = true;
    for (Thread thread : threads) {
      thread.join();
    }
  }

  private void record(Histogram latencies, LongAdder count, long started) {
    if (measuring) {
      latencies.recordValue((System.nanoTime() - started) / 1000);
      count.increment();
    }
  }

  private void count(LongAdder errors) {
    if (measuring) {
      errors.increment();
    }
  }

  private String calls(String account) {
    return "/internal/v1/Accounts/" + account + "/Calls";
  }

  /** The answer, or null when none came. */
  private HttpResponse<String> send(String path, String body) {
    try {
      return http.send(
          HttpRequest.newBuilder(service.resolve(path))
              .timeout(Duration.ofSeconds(10))
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static String sidOf(String body) {
    Matcher sid = SID.matcher(body);
    if (!sid.find()) {
      throw new IllegalStateException("no call Sid in " + body);
    }
    return sid.group(1);
  }

  private static double millis(Histogram latencies, double percentile) {
    return latencies.getTotalCount() == 0 ? 0 : latencies.getValueAtPercentile(percentile) / 1000.0;
  }
}
