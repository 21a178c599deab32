package io.flightdeck.postflight.operations.retirement;

import io.quarkus.test.Mock;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * In the module's Quarkus tests, in-flight answers what the test sets (no inflight-service runs
 * there); until a test sets something, it does not answer, as an inflight-service that is down. The
 * HTTP client itself is tested in InflightLiveRecordsTest. (It reads the client's configuration as
 * the client would, which also keeps those keys mapped while the client is replaced.)
 */
@Mock
@ApplicationScoped
public class LiveRecordsAsTestsSay implements LiveRecords {
  private static final AtomicReference<Optional<Optional<Instant>>> ANSWER =
      new AtomicReference<>(Optional.empty());

  private final InflightConfig inflight;

  public LiveRecordsAsTestsSay(InflightConfig inflight) {
    this.inflight = inflight;
  }

  /**
   * From now on, in-flight answers that its oldest live record was created then (empty: none is
   * live).
   */
  public static void answer(Optional<Instant> oldest) {
    ANSWER.set(Optional.of(oldest));
  }

  /** From now on, in-flight does not answer. */
  public static void silent() {
    ANSWER.set(Optional.empty());
  }

  @Override
  public Uni<Optional<Instant>> oldestCreated() {
    return ANSWER
        .get()
        .map(oldest -> Uni.createFrom().item(oldest))
        .orElseGet(
            () ->
                Uni.createFrom()
                    .failure(
                        new LiveRecordsUnknownException(
                            "cannot tell which months still hold records in flight: inflight-service at "
                                + inflight.url()
                                + " did not answer (a test); nothing was retired",
                            null)));
  }
}
