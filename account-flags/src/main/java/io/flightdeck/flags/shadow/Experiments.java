package io.flightdeck.flags.shadow;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Shadow comparisons in the spirit of GitHub's Scientist: the caller always gets the served path's
 * answer (or its failure), exactly as without the experiment; for a sampled share of requests the
 * candidate path runs in the background once the served answer is there, bounded by a timeout, and
 * the two answers are compared after normalizing what may legitimately differ.
 *
 * <p>Guarantees: the candidate never changes the response, never fails the request, and is not
 * waited for (it starts after the served answer). Its result is normalized and compared on a worker
 * thread, never on the event loop that completed it: normalizing a page (parsing each record's
 * JSON) takes a millisecond or more, which on an event loop would hold up every request queued
 * behind it. Errors and timeouts of the candidate are counted and kept, never thrown.
 *
 * <p>Its cost is bounded twice: at most {@code max-per-second} candidates start in a second (a
 * budget refilled every tenth of a second, so they do not arrive in bursts), and at most {@code
 * max-in-flight} candidate reads run at once (their comparisons, bounded by the budget, queue on
 * the worker pool). The budget is what keeps shadowing invisible at high traffic: a candidate reads
 * the other path in full (for the split path, two services and two databases), which costs several
 * times a served read, so a fixed share of a large request rate would take a visible share of the
 * machine; a fixed number per second does not grow with the traffic.
 *
 * <p>Metrics, tagged with {@code flag}, never with the account: a series per account would grow
 * without bound with the accounts shadowed (each account's mismatches are in {@link
 * #mismatches()}):
 *
 * <ul>
 *   <li>{@code
 *       flightdeck.shadow.comparisons{outcome=match|mismatch|candidate-error|candidate-timeout|over-budget|skipped}}
 *       ({@code over-budget}: sampled when this second's {@code max-per-second} permits had been
 *       taken; {@code skipped}: sampled while {@code max-in-flight} candidates ran already);
 *   <li>{@code flightdeck.shadow.duration{role=served|candidate, path}}: each path's time, for the
 *       sampled requests within the budget only (the candidate's for those whose candidate ran).
 * </ul>
 *
 * The latest mismatches, with both values and the request, are in {@link #mismatches()}.
 */
@ApplicationScoped
public class Experiments {
  /** How often, at most, the candidates' budget is refilled in a second. */
  private static final int BUDGET_REFILLS_PER_SECOND = 10;

  private final double sampleRate;
  private final RateLimiter budget;
  private final int maxInFlight;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Duration timeout;
  private final MeterRegistry metrics;
  private final MismatchLog mismatches;
  private final Clock clock;

  /** The meters, built once per series: a request only looks its own up. */
  private final Map<List<String>, Counter> outcomes = new ConcurrentHashMap<>();

  private final Map<List<String>, Timer> durations = new ConcurrentHashMap<>();

  @Inject
  public Experiments(ShadowConfig config, MeterRegistry metrics) {
    this(
        config.sampleRate(),
        config.maxPerSecond(),
        config.maxInFlight(),
        config.timeout(),
        config.mismatchesKept(),
        metrics,
        Clock.systemUTC());
  }

  public Experiments(
      double sampleRate,
      int maxPerSecond,
      int maxInFlight,
      Duration timeout,
      int mismatchesKept,
      MeterRegistry metrics,
      Clock clock) {
    if (sampleRate < 0 || sampleRate > 1) {
      throw new IllegalArgumentException(
          "flightdeck.shadow.sample-rate must be from 0 to 1, not " + sampleRate);
    }
    if (maxPerSecond < 1) {
      throw new IllegalArgumentException(
          "flightdeck.shadow.max-per-second must be at least 1, not " + maxPerSecond);
    }
    if (maxInFlight < 1) {
      throw new IllegalArgumentException(
          "flightdeck.shadow.max-in-flight must be at least 1, not " + maxInFlight);
    }
    this.sampleRate = sampleRate;
    this.budget = budget(maxPerSecond);
    this.maxInFlight = maxInFlight;
    this.timeout = timeout;
    this.metrics = metrics;
    this.mismatches = new MismatchLog(mismatchesKept);
    this.clock = clock;
  }

  /**
   * The served answer; for a sampled share of calls, the candidate runs afterwards in the
   * background and is compared with it. Whether a call is compared is decided before it is served,
   * so that a call that is not (nearly all of them, at a high request rate) costs a random draw and
   * nothing else: no timer, no wrapping of its answer.
   *
   * @param served the answer the caller gets
   * @param candidate the path compared with it (not subscribed unless sampled)
   * @param normalize what of an answer is compared: fields that may legitimately differ are dropped
   */
  public <T> Uni<T> run(
      Trial trial, Uni<T> served, Supplier<Uni<T>> candidate, Function<T, ?> normalize) {
    if (sampleRate == 0 || ThreadLocalRandom.current().nextDouble() >= sampleRate) {
      return served;
    }
    if (!budget.acquirePermission()) {
      outcome(trial, "over-budget").increment();
      return served;
    }
    return Uni.createFrom()
        .deferred(
            () -> {
              long start = System.nanoTime();
              return served.invoke(
                  answer -> {
                    duration(trial, "served", trial.served())
                        .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                    if (inFlight.incrementAndGet() > maxInFlight) {
                      inFlight.decrementAndGet();
                      outcome(trial, "skipped").increment();
                    } else {
                      compareLater(trial, answer, candidate, normalize);
                    }
                  });
            });
  }

  /**
   * {@code maxPerSecond} permits a second, given a tenth of them at a time (at least one), so that
   * candidates do not start in a burst at the top of each second. A sampled request that finds none
   * left does not wait for the next refill: it is over budget.
   */
  private static RateLimiter budget(int maxPerSecond) {
    int permits = Math.max(1, maxPerSecond / BUDGET_REFILLS_PER_SECOND);
    return RateLimiter.of(
        "shadow-candidates",
        RateLimiterConfig.custom()
            .limitForPeriod(permits)
            .limitRefreshPeriod(Duration.ofNanos(permits * 1_000_000_000L / maxPerSecond))
            .timeoutDuration(Duration.ZERO)
            .build());
  }

  private <T> void compareLater(
      Trial trial, T answer, Supplier<Uni<T>> candidate, Function<T, ?> normalize) {
    long start = System.nanoTime();
    Uni.createFrom()
        .<T>deferred(candidate::get)
        .ifNoItem()
        .after(timeout)
        .fail()
        .onTermination()
        .invoke(inFlight::decrementAndGet)
        .emitOn(Infrastructure.getDefaultWorkerPool())
        .subscribe()
        .with(
            other -> {
              duration(trial, "candidate", trial.candidate())
                  .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
              compare(trial, normalize.apply(answer), normalize.apply(other));
            },
            failure -> failed(trial, normalize.apply(answer), failure));
  }

  private void compare(Trial trial, Object served, Object candidate) {
    if (Objects.equals(served, candidate)) {
      outcome(trial, "match").increment();
      return;
    }
    outcome(trial, "mismatch").increment();
    mismatches.add(mismatch(trial, "mismatch", served, candidate, null));
  }

  private void failed(Trial trial, Object served, Throwable failure) {
    String outcome = failure instanceof TimeoutException ? "candidate-timeout" : "candidate-error";
    outcome(trial, outcome).increment();
    String reason =
        failure instanceof TimeoutException
            ? "no answer within " + timeout
            : failure.getClass().getSimpleName() + ": " + failure.getMessage();
    mismatches.add(mismatch(trial, outcome, served, null, reason));
  }

  private Mismatch mismatch(
      Trial trial, String outcome, Object served, Object candidate, String error) {
    return new Mismatch(
        clock.instant(),
        outcome,
        trial.flag(),
        trial.accountSid(),
        trial.request(),
        trial.served(),
        served,
        trial.candidate(),
        candidate,
        error);
  }

  /** The latest mismatches and candidate failures, newest first. */
  public MismatchLog mismatches() {
    return mismatches;
  }

  private Counter outcome(Trial trial, String outcome) {
    return outcomes.computeIfAbsent(
        List.of(trial.flag(), outcome),
        series ->
            Counter.builder("flightdeck.shadow.comparisons")
                .description("Shadow comparisons by outcome")
                .tag("flag", trial.flag())
                .tag("outcome", outcome)
                .register(metrics));
  }

  private Timer duration(Trial trial, String role, String path) {
    return durations.computeIfAbsent(
        List.of(trial.flag(), role, path),
        series ->
            Timer.builder("flightdeck.shadow.duration")
                .description("Time of the served and the candidate path of shadowed requests")
                .tag("flag", trial.flag())
                .tag("role", role)
                .tag("path", path)
                .publishPercentileHistogram()
                .register(metrics));
  }
}
