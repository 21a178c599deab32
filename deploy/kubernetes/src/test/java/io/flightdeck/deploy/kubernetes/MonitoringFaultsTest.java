package io.flightdeck.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Each monitoring check fails on a broken ServiceMonitor, rule or dashboard, naming it. */
class MonitoringFaultsTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final List<Manifest> prod = Overlays.render("overlays/prod");

  private List<String> problems() {
    return Monitoring.problems(prod, Overlays.REPOSITORY);
  }

  private ObjectNode rule(String alert) {
    for (var group : Overlays.find(prod, "PrometheusRule/flightdeck").at("/spec/groups")) {
      for (var rule : group.path("rules")) {
        if (rule.path("alert").asString().equals(alert)) {
          return (ObjectNode) rule;
        }
      }
    }
    throw new AssertionError("no alert " + alert);
  }

  private ObjectNode dashboards(String configMap) {
    return (ObjectNode) Overlays.find(prod, "ConfigMap/" + configMap).path("data");
  }

  @Test
  void anAlertOnAMetricNoServiceExportsIsNamed() {
    rule("FlightdeckShardDown").put("expr", "max by (shard) (postflight_shard_upp) == 0");

    assertThat(problems())
        .containsExactly(
            "PrometheusRule/flightdeck FlightdeckShardDown:"
                + " no service exports the metric postflight_shard_upp",
            "no PrometheusRule alerts on postflight_shard_up");
  }

  @Test
  void aMissingAlertIsNamed() {
    for (var group : Overlays.find(prod, "PrometheusRule/flightdeck").at("/spec/groups")) {
      ArrayNode rules = (ArrayNode) group.path("rules");
      for (int i = rules.size() - 1; i >= 0; i--) {
        if (rules.get(i).path("alert").asString().equals("FlightdeckIngestStalled")) {
          rules.remove(i);
        }
      }
    }

    assertThat(problems()).containsExactly("no PrometheusRule alerts on postflight_ingest_stalled");
  }

  @Test
  void aDashboardPanelOnAMetricNoServiceExportsIsNamed() {
    ObjectNode data = dashboards("dashboard-inflight");
    data.put(
        "flightdeck-inflight.json",
        data.path("flightdeck-inflight.json")
            .asString()
            .replace("inflight_outbox_depth", "inflight_outbox_size"));

    assertThat(problems())
        .containsExactly(
            "ConfigMap/dashboard-inflight flightdeck-inflight.json panel 'Outbox depth per lane':"
                + " no service exports the metric inflight_outbox_size");
  }

  @Test
  void aDashboardThatIsNotJsonIsNamed() {
    dashboards("dashboard-postflight").put("flightdeck-postflight.json", "{\"title\": ");

    assertThat(problems())
        .singleElement()
        .asString()
        .startsWith("ConfigMap/dashboard-postflight flightdeck-postflight.json: not JSON");
  }

  @Test
  void aDashboardGrafanaCannotLayOutOrLoadIsNamed() {
    ObjectNode data = dashboards("dashboard-inflight");
    ObjectNode dashboard =
        (ObjectNode) JSON.readTree(data.path("flightdeck-inflight.json").asString());
    dashboard.put("uid", "flightdeck-postflight");
    ((ObjectNode) dashboard.at("/panels/1/gridPos")).put("w", 14);
    ((ObjectNode) dashboard.at("/panels/2")).remove("targets");
    data.put("flightdeck-inflight.json", JSON.writeValueAsString(dashboard));

    assertThat(problems())
        .containsExactly(
            "ConfigMap/dashboard-inflight flightdeck-inflight.json:"
                + " uid 'flightdeck-postflight' is used by another dashboard",
            "ConfigMap/dashboard-inflight flightdeck-inflight.json panel 'Relay publish rate':"
                + " wider than Grafana's 24 columns",
            "ConfigMap/dashboard-inflight flightdeck-inflight.json panel 'Outbox depth per lane':"
                + " no targets");
  }

  @Test
  void aServiceMonitorOnAPortTheServiceLacksIsNamed() {
    ((ObjectNode) Overlays.find(prod, "ServiceMonitor/aggregator").at("/spec/endpoints/0"))
        .put("port", "metrics");

    assertThat(problems())
        .containsExactly(
            "ServiceMonitor/aggregator: Service aggregator has no port 'metrics'",
            "Service/aggregator: no ServiceMonitor scrapes it");
  }

  @Test
  void aServiceNoServiceMonitorSelectsIsNamed() {
    ((ObjectNode) Overlays.find(prod, "ServiceMonitor/billing-consumer").at("/spec/selector"))
        .putObject("matchLabels")
        .put("app.kubernetes.io/name", "billing");

    assertThat(problems())
        .containsExactly("Service/billing-consumer: no ServiceMonitor scrapes it");
  }

  @Test
  void aServiceThatKeepsItsMetricsOnLoopbackIsNamed() {
    ((ObjectNode) Overlays.find(prod, "ConfigMap/inflight-service-config").path("data"))
        .remove("FLIGHTDECK_HTTP_OPERATIONS_ON_PUBLIC_INTERFACE");

    assertThat(problems())
        .containsExactly(
            "ConfigMap/inflight-service-config: FLIGHTDECK_HTTP_OPERATIONS_ON_PUBLIC_INTERFACE"
                + " must be \"true\", or /q/metrics answers the scrape with a 404");
  }

  @Test
  void aRuleOrServiceMonitorOffItsSchemaIsNamed() {
    rule("FlightdeckOutboxStuck").put("for", "2 minutes");
    ((ObjectNode) Overlays.find(prod, "ServiceMonitor/aggregator").at("/spec/endpoints/0"))
        .put("intervall", "15s");

    assertThat(Overlays.SCHEMAS.problems(prod))
        .hasSize(2)
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("PrometheusRule/flightdeck")
                    .contains("spec.groups[0].rules[0].for: '2 minutes' does not match"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("ServiceMonitor/aggregator")
                    .endsWith("unknown field spec.endpoints[0].intervall"));
  }
}
