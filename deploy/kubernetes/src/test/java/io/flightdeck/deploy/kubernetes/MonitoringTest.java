package io.flightdeck.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ServiceMonitors, alert rules and dashboards agree with the services: the metrics they name
 * are exported, the dashboards load, every service is scraped.
 */
class MonitoringTest {
  @ParameterizedTest
  @ValueSource(strings = {"overlays/dev", "overlays/prod"})
  void everyMetricARuleOrDashboardNamesIsExportedAndEveryServiceIsScraped(String overlay) {
    assertThat(Monitoring.problems(Overlays.render(overlay), Overlays.REPOSITORY)).isEmpty();
  }

  @Test
  void theServicesSourcesYieldTheirMetricsInPrometheusForm() {
    assertThat(ExportedMetrics.of(Overlays.REPOSITORY))
        .contains(
            "inflight_outbox_stuck",
            "inflight_outbox_oldest_age_seconds",
            "inflight_transitions_total",
            "inflight_transition_groups_count",
            "postflight_dead_letters_total",
            "postflight_shard_up",
            "postflight_shard_newest_record_age_seconds",
            "postflight_ingest_stalled",
            "postflight_operation_steps_done",
            "flightdeck_flags_since_last_fetch_seconds",
            "flightdeck_shadow_duration_seconds_bucket",
            "billing_events_total")
        .doesNotContain("inflight_outbox_stuck_total", "billing_events_total_total");
  }

  @Test
  void aSourceNamesItsMetricsByTypeAndUnit() {
    String source =
        """
        Gauge.builder("a.age", state, s -> 1).baseUnit("seconds").register(metrics);
        Counter.builder("b.sent").tag("topic", "t").register(metrics);
        metrics
            .counter(
                "c.failures", "cause", "x")
            .increment();
        Timer.builder("d.requests").register(metrics);
        """;

    assertThat(ExportedMetrics.in(source))
        .containsExactlyInAnyOrder(
            "a_age_seconds",
            "b_sent_total",
            "c_failures_total",
            "d_requests_seconds",
            "d_requests_seconds_count",
            "d_requests_seconds_sum",
            "d_requests_seconds_max",
            "d_requests_seconds_bucket");
  }

  @Test
  void anExpressionNamesItsMetricsButNotItsFunctionsLabelsOrRanges() {
    assertThat(
            PromQl.metrics(
                "histogram_quantile(0.99, sum by (le, flag) (rate(x_seconds_bucket{outcome=\"a"
                    + " b\"}[5m]))) / on (flag) group_left max(y) > bool 1 and z offset 1h"))
        .isEqualTo(Set.of("x_seconds_bucket", "y", "z"));
  }
}
