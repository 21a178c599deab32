package io.flightdeck.flags.shadow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ExperimentsTest {
  private static final Trial TRIAL = new Trial("read-path", "AC1", "GET /x", "legacy", "split");
  private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

  private Experiments experiments(double sampleRate, Duration timeout) {
    return new Experiments(sampleRate, 1000, 4, timeout, 3, metrics, Clock.systemUTC());
  }

  /** One request whose candidate answers other than the served path. Returns what was served. */
  private static String serveAgainstADifferentCandidate(Experiments experiments, Trial trial) {
    return experiments
        .run(
            trial,
            Uni.createFrom().item("served"),
            () -> Uni.createFrom().item("other"),
            Function.identity())
        .await()
        .indefinitely();
  }

  /**
   * One request whose candidate would answer as the served path does; {@code candidateRuns} counts
   * the times the candidate really ran. Returns what the caller was served.
   */
  private static String serveCountingTheCandidate(
      Experiments experiments, AtomicInteger candidateRuns) {
    return experiments
        .run(
            TRIAL,
            Uni.createFrom().item("served"),
            () -> {
              candidateRuns.incrementAndGet();
              return Uni.createFrom().item("served");
            },
            Function.identity())
        .await()
        .indefinitely();
  }

  private double count(String outcome) {
    var counter = metrics.find("flightdeck.shadow.comparisons").tag("outcome", outcome).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void equalAnswersAfterNormalizingAreAMatch() {
    String served =
        experiments(1, Duration.ofSeconds(1))
            .run(
                TRIAL,
                Uni.createFrom().item("A-1"),
                () -> Uni.createFrom().item("A-2"),
                s -> s.substring(0, 1))
            .await()
            .indefinitely();
    assertThat(served).isEqualTo("A-1");
    await().until(() -> count("match") == 1);
    assertThat(metrics.find("flightdeck.shadow.duration").tag("role", "served").timer().count())
        .isEqualTo(1);
    assertThat(metrics.find("flightdeck.shadow.duration").tag("role", "candidate").timer().count())
        .isEqualTo(1);
  }

  @Test
  void metricSeriesAreBoundedByFlagAndOutcomeNeverOnePerAccount() {
    Experiments experiments = experiments(1, Duration.ofSeconds(1));
    for (int i = 0; i < 50; i++) {
      Trial trial = new Trial("read-path", "AC" + i, "GET /x", "legacy", "split");
      serveAgainstADifferentCandidate(experiments, trial);
      // Comparisons run on worker threads: one at a time, so that the log's order is the requests'.
      await()
          .until(
              () ->
                  experiments.mismatches().latest().stream()
                      .anyMatch(m -> m.accountSid().equals(trial.accountSid())));
    }
    assertThat(count("mismatch")).isEqualTo(50);

    assertThat(metrics.getMeters())
        .allSatisfy(meter -> assertThat(meter.getId().getTag("account")).isNull());
    assertThat(metrics.find("flightdeck.shadow.comparisons").counters()).hasSize(1);
    assertThat(experiments.mismatches().latest())
        .extracting(Mismatch::accountSid)
        .containsExactly("AC49", "AC48", "AC47");
  }

  @Test
  void aMismatchKeepsBothValuesAndTheRequestAndTheCallerStillGetsTheServedAnswer() {
    Experiments experiments = experiments(1, Duration.ofSeconds(1));
    String served = serveAgainstADifferentCandidate(experiments, TRIAL);
    assertThat(served).isEqualTo("served");
    await().until(() -> count("mismatch") == 1);
    Mismatch mismatch = experiments.mismatches().latest().get(0);
    assertThat(mismatch.served()).isEqualTo("served");
    assertThat(mismatch.candidate()).isEqualTo("other");
    assertThat(mismatch.request()).isEqualTo("GET /x");
    assertThat(mismatch.accountSid()).isEqualTo("AC1");
  }

  @Test
  void aFailingCandidateNeverFailsTheRequest() {
    Experiments experiments = experiments(1, Duration.ofSeconds(1));
    String served =
        experiments
            .run(
                TRIAL,
                Uni.createFrom().item("served"),
                () -> {
                  throw new IllegalStateException("boom");
                },
                Function.identity())
            .await()
            .indefinitely();
    assertThat(served).isEqualTo("served");
    await().until(() -> count("candidate-error") == 1);
    assertThat(experiments.mismatches().latest().get(0).candidateError()).contains("boom");
  }

  @Test
  void aSlowCandidateIsNotWaitedForAndTimesOut() {
    Experiments experiments = experiments(1, Duration.ofMillis(100));
    long start = System.nanoTime();
    String served =
        experiments
            .run(
                TRIAL,
                Uni.createFrom().item("served"),
                () -> Uni.createFrom().nothing(),
                Function.identity())
            .await()
            .indefinitely();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(100));
    assertThat(served).isEqualTo("served");
    await().until(() -> count("candidate-timeout") == 1);
  }

  @Test
  void unsampledRequestsNeverRunTheCandidate() {
    AtomicInteger runs = new AtomicInteger();
    Experiments experiments = experiments(0, Duration.ofSeconds(1));
    for (int i = 0; i < 20; i++) {
      experiments
          .run(
              TRIAL,
              Uni.createFrom().item("x"),
              () -> Uni.createFrom().item(() -> "y" + runs.incrementAndGet()),
              Function.identity())
          .await()
          .indefinitely();
    }
    assertThat(runs).hasValue(0);
  }

  @Test
  void onlyTheLatestMismatchesAreKept() {
    MismatchLog log = new MismatchLog(2);
    for (int i = 0; i < 3; i++) {
      log.add(new Mismatch(null, "mismatch", "f", "a", "r" + i, "s", i, "c", -i, null));
    }
    assertThat(log.latest()).extracting(Mismatch::request).containsExactly("r2", "r1");
  }

  @Test
  void beyondTheCandidatesInFlightASampledRequestSkipsItsComparisonAndIsServedAsEver() {
    Experiments experiments =
        new Experiments(1, 1000, 2, Duration.ofSeconds(30), 3, metrics, Clock.systemUTC());
    io.smallrye.mutiny.subscription.UniEmitter<? super String>[] slow =
        new io.smallrye.mutiny.subscription.UniEmitter[2];
    AtomicInteger started = new AtomicInteger();
    for (int i = 0; i < 5; i++) {
      String served =
          experiments
              .run(
                  TRIAL,
                  Uni.createFrom().item("served"),
                  () -> Uni.createFrom().<String>emitter(e -> slow[started.getAndIncrement()] = e),
                  Function.identity())
              .await()
              .indefinitely();
      assertThat(served).isEqualTo("served");
    }
    assertThat(started).hasValue(2);
    assertThat(count("skipped")).isEqualTo(3);

    // Once a candidate is done, the next sampled request runs its own again.
    slow[0].complete("served");
    await().until(() -> count("match") == 1);
    AtomicInteger later = new AtomicInteger();
    serveCountingTheCandidate(experiments, later);
    await().until(() -> count("match") == 2);
    assertThat(later).hasValue(1);
    assertThat(count("skipped")).isEqualTo(3);
  }

  @Test
  void beyondTheBudgetOfASecondASampledRequestIsServedWithoutItsCandidate() {
    // 10 a second: one permit every 100 ms.
    Experiments experiments =
        new Experiments(1, 10, 4, Duration.ofSeconds(30), 3, metrics, Clock.systemUTC());
    AtomicInteger candidates = new AtomicInteger();
    Runnable request =
        () -> assertThat(serveCountingTheCandidate(experiments, candidates)).isEqualTo("served");
    for (int i = 0; i < 10; i++) {
      request.run();
    }
    assertThat(candidates.get()).isPositive().isLessThan(10);
    assertThat(count("over-budget")).isEqualTo(10 - candidates.get());

    // The budget refills: a request a little later runs its candidate again.
    int before = candidates.get();
    await()
        .pollInterval(Duration.ofMillis(20))
        .atMost(Duration.ofSeconds(2))
        .until(
            () -> {
              request.run();
              return candidates.get() > before;
            });
  }

  @Test
  void aBudgetOfLessThanOneASecondIsRefusedAtStart() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new Experiments(1, 0, 4, Duration.ofSeconds(1), 3, metrics, Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("flightdeck.shadow.max-per-second");
  }
}
