package io.flightdeck.stack;

import io.flightdeck.record.Sid;
import io.flightdeck.record.SidKind;
import io.flightdeck.stack.InflightCalls.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Telephony engines of one account whose calls keep moving from in-flight to post-flight at every
 * place of the account's list, not only at its newest end: each producer creates a call and leaves
 * it in progress (it joins a pool of live calls), then completes a call drawn at random from the
 * pool, and pauses briefly. The pool keeps its size, its calls' ages spread over the whole run, so
 * a client paging from the newest record to the oldest meets calls completing, and leaving
 * in-flight, wherever it is in the list.
 *
 * <p>Keeps what the service accepted: every created call with its exact {@code date_created} (the
 * list order's key, which the public API prints only to the second) and the moment its create was
 * answered; and, in order, every call whose completion was accepted. A request that fails is
 * retried until it is accepted (creates carry the call's own Sid as Idempotency-Key, a repeated
 * transition is a no-op); a 4xx is kept as a failure and the call left where it was.
 */
final class MovingCalls implements AutoCloseable {
  private static final Duration RETRY_PAUSE = Duration.ofMillis(50);

  /** A call whose create was answered 201, and when ({@link System#nanoTime()}). */
  record Created(String sid, Instant dateCreated, long answeredAt) {}

  private final InflightCalls calls;
  private final String account;
  private final Duration pause;
  private final Map<String, Created> created = new ConcurrentHashMap<>();
  private final List<String> live = new ArrayList<>();
  private final Queue<String> completed = new ConcurrentLinkedQueue<>();
  private final Queue<String> failures = new ConcurrentLinkedQueue<>();
  private final Rounds producers = new Rounds();

  /** Producers of {@code account} pausing {@code pause} after each create-and-complete. */
  MovingCalls(InflightCalls calls, String account, Duration pause) {
    this.calls = calls;
    this.account = account;
    this.pause = pause;
  }

  /**
   * Before the load: {@code finished} calls completed at once, then {@code live} calls left in
   * progress (the pool).
   */
  void seed(int finished, int live) {
    IntStream.range(0, finished)
        .parallel()
        .forEach(i -> createInProgress().ifPresent(this::complete));
    IntStream.range(0, live).parallel().forEach(i -> createInProgress().ifPresent(this::addLive));
  }

  /**
   * Starts {@code producers} threads, each creating and completing calls until {@link #close()}.
   */
  MovingCalls start(int count) {
    for (int p = 0; p < count; p++) {
      producers.start("producer-" + p, this::produceOne);
    }
    return this;
  }

  /** Every call created so far, by Sid. */
  Map<String, Created> created() {
    return Map.copyOf(created);
  }

  /** The next call whose completion was accepted and that no one has taken yet, if any. */
  Optional<String> nextCompleted() {
    return Optional.ofNullable(completed.poll());
  }

  /** Requests that were refused (4xx) or given up when the load stopped. */
  List<String> failures() {
    return List.copyOf(failures);
  }

  private void produceOne() {
    createInProgress().ifPresent(this::addLive);
    takeRandomLive().ifPresent(this::complete);
    Rounds.pause(pause); // a producer's rhythm
  }

  private Optional<String> createInProgress() {
    String sid = Sid.mint(SidKind.CALL).value();
    Optional<Reply> create = untilAccepted("create " + sid, () -> calls.create(account, sid));
    create.ifPresent(
        reply ->
            created.put(
                sid,
                new Created(
                    sid,
                    Instant.parse(reply.record().path("date_created").asText()),
                    System.nanoTime())));
    return create
        .flatMap(
            reply ->
                untilAccepted(
                    "in-progress " + sid, () -> calls.transition(account, sid, "in-progress")))
        .map(reply -> sid);
  }

  private void complete(String sid) {
    untilAccepted("completed " + sid, () -> calls.transition(account, sid, "completed"))
        .ifPresent(reply -> completed.add(sid));
  }

  private synchronized void addLive(String sid) {
    live.add(sid);
  }

  private synchronized Optional<String> takeRandomLive() {
    if (live.isEmpty()) {
      return Optional.empty();
    }
    int drawn = ThreadLocalRandom.current().nextInt(live.size());
    String sid = live.get(drawn);
    live.set(drawn, live.get(live.size() - 1));
    live.remove(live.size() - 1);
    return Optional.of(sid);
  }

  private Optional<Reply> untilAccepted(String request, Supplier<Reply> send) {
    while (!producers.stopping()) {
      Reply reply = send.get();
      if (reply.accepted()) {
        return Optional.of(reply);
      }
      if (reply.code() != Reply.NO_ANSWER && reply.code() < 500) {
        failures.add(request + ": " + reply);
        return Optional.empty();
      }
      Rounds.pause(RETRY_PAUSE);
    }
    return Optional.empty();
  }

  /** Stops the producers after their current request and waits for them. */
  @Override
  public void close() throws InterruptedException {
    producers.close();
  }
}
