package io.flightdeck.postflight.monitoring;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports ingest in the readiness answer: {@code flowing}, {@code stalled} or {@code not measured
 * yet}, with the backlog and how long it has waited. It reports and never fails readiness:
 * readiness says whether this instance can serve reads, and a stall (a broker, a shard or a defect
 * holding events back) stops no read; every instance shares the same partitions and shards, so
 * failing it would take every instance out of its Service at once and turn a late ingest into an
 * outage of the read API. The alert is on {@code postflight_ingest_stalled}.
 */
@Readiness
@ApplicationScoped
public class IngestCheck implements HealthCheck {
  private final IngestWatch watch;
  private final MonitoringConfig config;

  public IngestCheck(IngestWatch watch, MonitoringConfig config) {
    this.watch = watch;
    this.config = config;
  }

  @Override
  public HealthCheckResponse call() {
    IngestProgress progress = watch.progress();
    var response = HealthCheckResponse.named("ingest").up();
    if (!progress.measured()) {
      return response.withData("state", "not measured yet").build();
    }
    return response
        .withData("state", watch.stalled() ? "stalled" : "flowing")
        .withData("backlog", (long) progress.backlog())
        .withData("without-progress-seconds", watch.withoutProgress().toSeconds())
        .withData("stalled-after-seconds", config.ingestStalledAfter().toSeconds())
        .build();
  }
}
