package io.flightdeck.stack;

import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.flightdeck.stack.InflightCalls.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Telephony engines under load: one thread per account, each creating calls and moving them along a
 * few fixed paths (some to a terminal status, some left live), as fast as inflight-service answers.
 * A request that gets no answer or a 5xx is retried until it is accepted, as a producer would:
 * creates carry an Idempotency-Key and a repeated transition is a no-op, so a retry never doubles
 * anything. A 4xx is not retried: the call is abandoned and the answer kept as a failure.
 *
 * <p>The journal holds every 2xx answer (Sid, status, version) and nothing else; a request that
 * failed counts as not accepted, whatever it did before the failure.
 */
final class ProducerLoad implements AutoCloseable {
  /** The paths calls take, in turn; each ends where a producer stops reporting. */
  private static final List<List<String>> PATHS =
      List.of(
          List.of("ringing", "in-progress", "completed"),
          List.of("ringing", "busy"),
          List.of("in-progress"),
          List.of("initiated", "ringing", "no-answer"));

  private static final Duration RETRY_PAUSE = Duration.ofMillis(50);

  /** One 2xx answer: the record as the service said it stored it. */
  record Accepted(String account, String sid, String status, long version) {}

  /** A request that was not accepted, with the phase of the test it happened in. */
  record Failure(String phase, String request, Reply reply) {}

  private final InflightCalls calls;
  private final List<String> accounts;
  private final List<Thread> threads = new ArrayList<>();
  private final Queue<Accepted> journal = new ConcurrentLinkedQueue<>();
  private final Queue<Failure> failures = new ConcurrentLinkedQueue<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger unanswered = new AtomicInteger();
  private volatile String phase;
  private volatile boolean stopping;

  /**
   * One producer per account; failures are filed under {@code phase} until {@link #phase} names
   * another.
   */
  ProducerLoad(InflightCalls calls, List<String> accounts, String phase) {
    this.calls = calls;
    this.accounts = List.copyOf(accounts);
    this.phase = phase;
  }

  ProducerLoad start() {
    for (String account : accounts) {
      Thread thread = new Thread(() -> produce(account), "producer-" + account);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
    return this;
  }

  /** Names the phase that failures from now on are filed under. */
  void phase(String name) {
    phase = name;
  }

  int accepted() {
    return accepted.get();
  }

  /** Requests that got no HTTP answer at all (connection refused or reset, timeout). */
  int unanswered() {
    return unanswered.get();
  }

  List<Accepted> journal() {
    return List.copyOf(journal);
  }

  List<Failure> failures() {
    return List.copyOf(failures);
  }

  private void produce(String account) {
    for (int n = 0; !stopping; n++) {
      String sid = Sid.mint(SidKind.CALL).value();
      if (!untilAccepted("create " + sid, account, () -> calls.create(account, sid))) {
        continue;
      }
      for (String status : PATHS.get(n % PATHS.size())) {
        if (!untilAccepted(
            status + " " + sid, account, () -> calls.transition(account, sid, status))) {
          break;
        }
      }
    }
  }

  /** True once the request is accepted; false when it was refused (4xx) or the load is stopping. */
  private boolean untilAccepted(String request, String account, Supplier<Reply> send) {
    while (!stopping) {
      Reply reply = send.get();
      if (reply.accepted()) {
        journal.add(
            new Accepted(
                account, reply.record().path("sid").asText(), reply.status(), reply.version()));
        accepted.incrementAndGet();
        return true;
      }
      failures.add(new Failure(phase, request, reply));
      if (reply.code() == Reply.NO_ANSWER) {
        unanswered.incrementAndGet();
      } else if (reply.code() < 500) {
        return false;
      }
      pause();
    }
    return false;
  }

  private static void pause() {
    try {
      Thread.sleep(
          RETRY_PAUSE.toMillis()); // a producer's retry back-off, not a wait for a condition
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the producers after their current request and waits for them. */
  @Override
  public void close() throws InterruptedException {
    stopping = true;
    for (Thread thread : threads) {
      thread.join(Duration.ofSeconds(30).toMillis());
    }
  }
}
