package io.flightdeck.benchmarks;

import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Producers of {@link WriteNodes}: threads that each send one request at a time to inflight-service
 * ({@link ServiceClient}, synchronously: its asynchronous sends took the cores the service needed,
 * see {@link ShadowLoad}), each with an account of its own and no Idempotency-Key, so every create
 * goes to a weighted-random healthy node.
 */
final class NodeLoad {
  private static final String CALL = "{\"from\": \"+14155550100\", \"to\": \"+14155550101\"}";
  private static final List<String> PATH = List.of("ringing", "in-progress", "completed");

  private final ServiceClient service;
  private volatile boolean measuring;
  private volatile boolean stopping;

  /** Producers of the inflight-service at {@code baseUrl}, with the development producer token. */
  NodeLoad(String baseUrl) {
    this.service = ServiceClient.producer(baseUrl);
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
              ServiceClient.Answer made = send(calls(account), CALL);
              if (made == null || made.status() != 201) {
                count(errors);
                return;
              }
              record(create, creates, started);
              String sid = sidOf(made);
              for (String status : PATH) {
                long sent = System.nanoTime();
                ServiceClient.Answer moved =
                    send(
                        calls(account) + "/" + sid + "/Transitions",
                        "{\"status\": \"" + status + "\"}");
                if (moved == null || moved.status() != 200) {
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
              ServiceClient.Answer made = send(calls(account), CALL);
              boolean ok = made != null && made.status() == 201;
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
  private ServiceClient.Answer send(String path, String body) {
    try {
      return service.post(path, body);
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static String sidOf(ServiceClient.Answer created) {
    try {
      return created.json().path("sid").asText();
    } catch (IOException e) {
      throw new IllegalStateException("a created call's answer is no JSON", e);
    }
  }

  private static double millis(Histogram latencies, double percentile) {
    return latencies.getTotalCount() == 0 ? 0 : latencies.getValueAtPercentile(percentile) / 1000.0;
  }
}
