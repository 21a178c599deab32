package io.flightdeck.inflight.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Measures the outbox per lane, summed over the in-flight nodes and the legacy store, every {@code
 * flightdeck.outbox.metrics-interval}: how many rows wait ({@code inflight_outbox_depth}) and how
 * old the oldest is ({@code inflight_outbox_oldest_age_seconds}), and whether any lane is stuck
 * ({@code inflight_outbox_stuck}). The gauges read the last measurement, so a scrape never queries
 * the store; the age is counted from the measured row's time, so it keeps growing between
 * measurements while the row stays. While a node does not answer nothing is measured: the last
 * measurement stays, and keeps ageing.
 */
@ApplicationScoped
public class OutboxMonitor {
  private static final Logger LOG = Logger.getLogger(OutboxMonitor.class);

  /**
   * The lanes that hold rows, read on the {@code (lane, id)} index; a lane missing from the answer
   * is empty and reads 0 (every lane has its series, so a drained lane never disappears).
   */
  private static final String MEASURE =
      "SELECT lane, COUNT(*) AS depth, MIN(created_at) AS oldest FROM outbox GROUP BY lane";

  private final Outboxes outboxes;
  private final OutboxConfig config;
  private final Clock clock = Clock.systemUTC();
  private final AtomicReference<OutboxState> state =
      new AtomicReference<>(OutboxState.unmeasured(OutboxEvent.LANES));

  public OutboxMonitor(Outboxes outboxes, OutboxConfig config, MeterRegistry metrics) {
    this.outboxes = outboxes;
    this.config = config;
    for (int lane = 0; lane < OutboxEvent.LANES; lane++) {
      int l = lane;
      String tag = Integer.toString(lane);
      Gauge.builder("inflight.outbox.depth", state, s -> s.get().depth(l))
          .description("Outbox rows waiting to be published, per lane")
          .tag("lane", tag)
          .register(metrics);
      Gauge.builder("inflight.outbox.oldest.age", state, s -> ageSeconds(s.get().oldest(l)))
          .description("Age of the lane's oldest outbox row (0 when the lane is empty)")
          .baseUnit("seconds")
          .tag("lane", tag)
          .register(metrics);
    }
    Gauge.builder("inflight.outbox.stuck", this, m -> m.stuck() ? 1 : 0)
        .description(
            "1 while a lane's oldest outbox row is older than flightdeck.outbox.stuck-after")
        .register(metrics);
  }

  @Scheduled(
      every = "${flightdeck.outbox.metrics-interval:5s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> measure() {
    OutboxState next = OutboxState.unmeasured(OutboxEvent.LANES);
    return Multi.createFrom()
        .iterable(outboxes.all())
        .onItem()
        .transformToUniAndConcatenate(node -> node.pool().query(MEASURE).execute())
        .invoke(
            rows ->
                rows.forEach(
                    row -> {
                      int lane = row.getShort("lane");
                      LocalDateTime oldest = row.getLocalDateTime("oldest");
                      if (lane >= 0 && lane < OutboxEvent.LANES) {
                        next.add(
                            lane,
                            row.getLong("depth"),
                            oldest == null ? null : oldest.toInstant(ZoneOffset.UTC));
                      }
                    }))
        .collect()
        .last()
        .invoke(() -> state.set(next.measured()))
        .onFailure()
        .invoke(e -> LOG.warnf("outbox not measured, will retry: %s", e.getMessage()))
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }

  /** The last measurement; its rows' ages are as of now. */
  public OutboxState state() {
    return state.get();
  }

  /** Whether a lane's oldest row is older than {@code flightdeck.outbox.stuck-after}. */
  public boolean stuck() {
    return oldestAge().compareTo(config.stuckAfter()) > 0;
  }

  /** The age of the oldest row of any lane, zero when the outbox is empty. */
  public Duration oldestAge() {
    return state
        .get()
        .oldest()
        .map(o -> Duration.between(o, clock.instant()))
        .orElse(Duration.ZERO);
  }

  private double ageSeconds(Instant oldest) {
    return oldest == null
        ? 0
        : Math.max(0, Duration.between(oldest, clock.instant()).toMillis()) / 1000.0;
  }
}
