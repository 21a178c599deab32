package io.flightdeck.flags;

import io.getunleash.UnleashException;
import io.getunleash.event.ClientFeaturesResponse;
import io.getunleash.event.FeatureSet;
import io.getunleash.event.UnleashSubscriber;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the flags in memory are worth, as the Unleash client reports its fetches: where they came
 * from (the server, the client's backup file, or nowhere: every flag at its default), whether the
 * latest fetch failed (the flags are stale: the last known state, not Unleash's current one), and
 * when the first fetch has ended.
 *
 * <p>The first fetch ends when it succeeds, when it fails (Unleash down: do not wait for it), or
 * after {@code firstFetchTimeout}, whichever comes first. Thread-safe: the client calls it from its
 * fetch thread, requests read it from any thread.
 */
public final class FlagFreshness implements UnleashSubscriber {
  /** Where the flags in memory come from. */
  public enum Source {
    /** Nothing fetched or restored: every flag is at its default. */
    DEFAULTS,
    /** The client's backup file: the last state fetched by an earlier run. */
    BACKUP,
    /** A fetch from the Unleash server. */
    SERVER
  }

  private static final String BACKUP_READ_FAILED = "Failed to read backup file";

  private final Clock clock;
  private final CompletableFuture<Void> firstFetch = new CompletableFuture<>();
  private volatile Source source = Source.DEFAULTS;
  private volatile boolean latestFetchFailed;
  private volatile Optional<Instant> lastSuccess = Optional.empty();
  private volatile Optional<String> lastError = Optional.empty();
  private final AtomicLong generation = new AtomicLong();

  public FlagFreshness(Clock clock, Duration firstFetchTimeout) {
    this.clock = clock;
    firstFetch.completeOnTimeout(null, firstFetchTimeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Completes when the first fetch has succeeded, failed, or timed out. */
  public CompletionStage<Void> firstFetch() {
    return firstFetch;
  }

  public boolean firstFetchDone() {
    return firstFetch.isDone();
  }

  /**
   * True while the flags may differ from Unleash's current state: the latest fetch failed, or none
   * has succeeded yet.
   */
  public boolean stale() {
    return latestFetchFailed || lastSuccess.isEmpty();
  }

  public Source source() {
    return source;
  }

  public Optional<Instant> lastSuccess() {
    return lastSuccess;
  }

  public Optional<String> lastError() {
    return lastError;
  }

  /**
   * Counts the times the client may have changed the flags in memory; a variant evaluated while
   * this was {@code n} may be reused while it is still {@code n}. It moves on every fetch the
   * client reports, on the restoring of its backup file, and on the writing of its backup: the
   * client reports a fetch before it takes the fetched flags in, and writes its backup after, so a
   * variant evaluated from the old flags between the two is not reused past the write.
   */
  public long generation() {
    return generation.get();
  }

  /** Seconds since the last successful fetch; {@code NaN} before the first one. */
  public double secondsSinceLastSuccess() {
    return lastSuccess
        .map(t -> Duration.between(t, clock.instant()).toMillis() / 1000.0)
        .orElse(Double.NaN);
  }

  @Override
  public void togglesFetched(ClientFeaturesResponse response) {
    generation.incrementAndGet();
    if (response.getStatus() == ClientFeaturesResponse.Status.UNAVAILABLE) {
      failed("Unleash answered HTTP " + response.getHttpStatusCode());
      return;
    }
    source = Source.SERVER;
    lastSuccess = Optional.of(clock.instant());
    latestFetchFailed = false;
    firstFetch.complete(null);
  }

  @Override
  public void onError(UnleashException error) {
    String message = String.valueOf(error.getMessage());
    if (message.startsWith(BACKUP_READ_FAILED)) {
      return; // no backup yet (a first start): not a fetch
    }
    Throwable cause = error.getCause();
    failed(cause == null ? message : message + ": " + cause);
  }

  @Override
  public void featuresBackedUp(FeatureSet written) {
    generation.incrementAndGet();
  }

  @Override
  public void featuresBackupRestored(FeatureSet restored) {
    generation.incrementAndGet();
    if (source == Source.DEFAULTS) {
      source = Source.BACKUP;
    }
  }

  /** No Unleash is configured: there will be no fetch, every flag stays at its default. */
  public void unconfigured() {
    failed("no Unleash configured (flightdeck.flags.unleash.url)");
  }

  private void failed(String reason) {
    latestFetchFailed = true;
    lastError = Optional.of(reason);
    firstFetch.complete(null);
  }
}
