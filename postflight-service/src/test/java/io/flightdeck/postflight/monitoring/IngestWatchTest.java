package io.flightdeck.postflight.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** The stall as the registry's figures make it, and as metric and readiness detail report it. */
class IngestWatchTest {
  private final MeterRegistry registry = new SimpleMeterRegistry();
  private final AtomicLong lag = new AtomicLong();
  private Instant now = Instant.parse("2026-12-03T07:00:00Z");
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };

  private IngestWatch watch(Duration stalledAfter) {
    Gauge.builder(IngestWatch.CONSUMER_LAG, lag, AtomicLong::get)
        .tag("topic", "records.completed")
        .tag("partition", "0")
        .register(registry);
    return new IngestWatch(registry, config(stalledAfter), clock);
  }

  @Test
  void eventsWaitingWithNothingStoredTurnTheMetricAndTheReadinessDetailStalled() {
    IngestWatch watch = watch(Duration.ofSeconds(8));
    IngestCheck check = new IngestCheck(watch, config(Duration.ofSeconds(8)));
    registry.counter("postflight.records.stored", "shard", "shard-0").increment(3);
    lag.set(7);

    watch.measure();
    now = now.plusSeconds(5);
    watch.measure();
    assertThat(watch.stalled()).as("5 s without progress, 8 s allowed").isFalse();
    now = now.plusSeconds(5);

    assertThat(registry.get("postflight.ingest.stalled").gauge().value()).isEqualTo(1);
    assertThat(registry.get("postflight.ingest.backlog").gauge().value()).isEqualTo(7);
    HealthCheckResponse readiness = check.call();
    assertThat(readiness.getStatus())
        .as("reported, never failed")
        .isEqualTo(HealthCheckResponse.Status.UP);
    assertThat(readiness.getData().orElseThrow())
        .containsEntry("state", "stalled")
        .containsEntry("backlog", 7L);
  }

  @Test
  void aRecordStoredOrDeadLetteredSinceTheLastMeasurementKeepsIngestFlowing() {
    IngestWatch watch = watch(Duration.ofSeconds(8));
    lag.set(7);
    watch.measure();
    now = now.plusSeconds(5);
    registry.counter("postflight.records.stored", "shard", "shard-1").increment();
    watch.measure();
    assertThat(watch.stalled()).isFalse();

    now = now.plusSeconds(5);
    registry.counter("postflight.dead.letters", "cause", "malformed").increment();
    watch.measure();
    assertThat(watch.stalled()).isFalse();
    assertThat(new IngestCheck(watch, config(Duration.ofSeconds(8))).call().getData().orElseThrow())
        .containsEntry("state", "flowing");
  }

  @Test
  void beforeItsFirstMeasurementTheDetailSaysSo() {
    IngestWatch watch = watch(Duration.ofMinutes(5));

    assertThat(new IngestCheck(watch, config(Duration.ofMinutes(5))).call().getData().orElseThrow())
        .containsEntry("state", "not measured yet");
    assertThat(registry.get("postflight.ingest.stalled").gauge().value()).isZero();
  }

  private static MonitoringConfig config(Duration stalledAfter) {
    return new MonitoringConfig() {
      @Override
      public String interval() {
        return "5s";
      }

      @Override
      public Duration ingestStalledAfter() {
        return stalledAfter;
      }
    };
  }
}
