package io.flightdeck.postflight.monitoring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Watches ingest for a stall: events waiting while nothing is stored or dead-lettered for {@code
 * flightdeck.postflight.monitoring.ingest-stalled-after}. It reads figures the registry holds
 * already, so it adds no query and no hook on the ingest path: the backlog is the sum of the Kafka
 * consumers' own {@code kafka_consumer_fetch_manager_records_lag} (every partition of both
 * consumers, the retry topic's included), the settled count the sum of {@code
 * postflight_records_stored_total} and {@code postflight_dead_letters_total}. Exports {@code
 * postflight_ingest_backlog}, {@code postflight_ingest_without_progress_seconds} and {@code
 * postflight_ingest_stalled}. Without the Kafka client's metrics the backlog reads 0 and ingest
 * never counts as stalled.
 */
@ApplicationScoped
public class IngestWatch {
  /** The Kafka consumer's records-lag per partition, as Micrometer's Kafka binder names it. */
  static final String CONSUMER_LAG = "kafka.consumer.fetch.manager.records.lag";

  private final MeterRegistry metrics;
  private final MonitoringConfig config;
  private final Clock clock;
  private final AtomicReference<IngestProgress> progress;

  public IngestWatch(MeterRegistry metrics, MonitoringConfig config, Clock clock) {
    this.metrics = metrics;
    this.config = config;
    this.clock = clock;
    this.progress = new AtomicReference<>(IngestProgress.unmeasured(clock.instant()));
    Gauge.builder("postflight.ingest.backlog", progress, p -> p.get().backlog())
        .description("Events waiting in the consumers' partitions (the Kafka consumers' lag)")
        .register(metrics);
    Gauge.builder(
            "postflight.ingest.without.progress",
            this,
            w -> w.withoutProgress().toMillis() / 1000.0)
        .description("How long events have waited with nothing stored or dead-lettered")
        .baseUnit("seconds")
        .register(metrics);
    Gauge.builder("postflight.ingest.stalled", this, w -> w.stalled() ? 1 : 0)
        .description(
            "1 while events have waited longer than"
                + " flightdeck.postflight.monitoring.ingest-stalled-after with nothing stored")
        .register(metrics);
  }

  /** Reads the registry only: quick, so it runs on the scheduler's thread. */
  @Scheduled(
      every = "${flightdeck.postflight.monitoring.interval:5s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void measure() {
    double backlog =
        metrics.find(CONSUMER_LAG).gauges().stream()
            .mapToDouble(Gauge::value)
            .filter(lag -> Double.isFinite(lag) && lag > 0)
            .sum();
    double settled = counted("postflight.records.stored") + counted("postflight.dead.letters");
    progress.updateAndGet(p -> p.observe(clock.instant(), backlog, settled));
  }

  /** The last measurement. */
  public IngestProgress progress() {
    return progress.get();
  }

  public Duration withoutProgress() {
    return progress.get().withoutProgress(clock.instant());
  }

  public boolean stalled() {
    return progress.get().stalled(clock.instant(), config.ingestStalledAfter());
  }

  private double counted(String name) {
    return metrics.find(name).counters().stream().mapToDouble(Counter::count).sum();
  }
}
