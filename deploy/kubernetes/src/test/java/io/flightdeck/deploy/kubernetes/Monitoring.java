package io.flightdeck.deploy.kubernetes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The monitoring resources against the services: every metric an alert or a dashboard names is one
 * the services export ({@link ExportedMetrics}); every dashboard is JSON Grafana can load; every
 * service has a ServiceMonitor that selects its Service on one of its ports at {@code /q/metrics}
 * and a ConfigMap that lets the scrape in; the alerts the platform needs are there. Every problem
 * names the resource.
 */
final class Monitoring {
  /** The label the Grafana sidecar loads dashboards by. */
  static final String DASHBOARD_LABEL = "grafana_dashboard";

  /** The conditions an operator must be alerted on, by the metric each alert is built on. */
  static final Set<String> ALERTED_METRICS =
      Set.of(
          "inflight_outbox_stuck",
          "postflight_ingest_stalled",
          "postflight_shard_up",
          "postflight_dead_letters_total");

  private static final Set<String> PANEL_TYPES =
      Set.of("timeseries", "stat", "gauge", "bargauge", "table", "text", "row");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final List<Manifest> manifests;
  private final Set<String> exported;
  private final List<String> problems = new ArrayList<>();

  private Monitoring(List<Manifest> manifests, Set<String> exported) {
    this.manifests = manifests;
    this.exported = exported;
  }

  static List<String> problems(List<Manifest> manifests, Path repository) {
    Set<String> exported = new TreeSet<>(ExportedMetrics.of(repository));
    exported.addAll(ExportedMetrics.FROM_LIBRARIES);
    Monitoring check = new Monitoring(manifests, exported);
    check.rules();
    check.dashboards();
    check.serviceMonitors();
    return check.problems;
  }

  private void rules() {
    Set<String> alerted = new HashSet<>();
    for (Manifest rule : of("PrometheusRule")) {
      for (JsonNode group : rule.spec().path("groups")) {
        for (JsonNode r : group.path("rules")) {
          String name = r.path("alert").asString(r.path("record").asString("?"));
          String at = rule.id() + " " + name;
          Set<String> named = PromQl.metrics(r.path("expr").asString(""));
          references(at, named);
          if (r.has("alert")) {
            alerted.addAll(named);
            if (r.path("annotations").path("summary").asString("").isBlank()) {
              problems.add(at + ": no summary annotation");
            }
            if (r.path("labels").path("severity").asString("").isBlank()) {
              problems.add(at + ": no severity label");
            }
          }
        }
      }
    }
    for (String needed : new TreeSet<>(ALERTED_METRICS)) {
      if (!alerted.contains(needed)) {
        problems.add("no PrometheusRule alerts on " + needed);
      }
    }
  }

  private void dashboards() {
    Set<String> uids = new HashSet<>();
    for (Manifest configMap : of("ConfigMap")) {
      if (!"1".equals(configMap.body().at("/metadata/labels/" + DASHBOARD_LABEL).asString(""))) {
        continue;
      }
      if (configMap.body().path("data").isEmpty()) {
        problems.add(configMap.id() + ": a dashboard ConfigMap with no dashboard");
      }
      for (Map.Entry<String, JsonNode> file : configMap.body().path("data").properties()) {
        String at = configMap.id() + " " + file.getKey();
        if (!file.getKey().endsWith(".json")) {
          problems.add(at + ": a dashboard file must end in .json");
        }
        JsonNode dashboard;
        try {
          dashboard = JSON.readTree(file.getValue().asString());
        } catch (JacksonException e) {
          problems.add(at + ": not JSON: " + e.getOriginalMessage());
          continue;
        }
        dashboard(at, dashboard, uids);
      }
    }
  }

  private void dashboard(String at, JsonNode dashboard, Set<String> uids) {
    for (String field : List.of("uid", "title")) {
      if (!dashboard.path(field).isString() || dashboard.path(field).asString().isBlank()) {
        problems.add(at + ": no " + field);
      }
    }
    String uid = dashboard.path("uid").asString("");
    if (uid.length() > 40) {
      problems.add(at + ": uid '" + uid + "' is longer than Grafana's 40 characters");
    }
    if (!uid.isEmpty() && !uids.add(uid)) {
      problems.add(at + ": uid '" + uid + "' is used by another dashboard");
    }
    if (!dashboard.path("schemaVersion").isIntegralNumber()) {
      problems.add(at + ": no schemaVersion");
    }
    if (!dashboard.path("panels").isArray() || dashboard.path("panels").isEmpty()) {
      problems.add(at + ": no panels");
    }
    Set<Integer> ids = new HashSet<>();
    for (JsonNode panel : dashboard.path("panels")) {
      String p = at + " panel '" + panel.path("title").asString("?") + "'";
      if (!panel.path("id").isIntegralNumber() || !ids.add(panel.path("id").asInt())) {
        problems.add(p + ": needs an id of its own");
      }
      if (!PANEL_TYPES.contains(panel.path("type").asString(""))) {
        problems.add(p + ": unknown panel type '" + panel.path("type").asString("") + "'");
      }
      JsonNode grid = panel.path("gridPos");
      for (String field : List.of("h", "w", "x", "y")) {
        if (!grid.path(field).isIntegralNumber() || grid.path(field).asInt() < 0) {
          problems.add(p + ": gridPos." + field + " must be a whole number >= 0");
        }
      }
      if (grid.path("x").asInt(0) + grid.path("w").asInt(0) > 24) {
        problems.add(p + ": wider than Grafana's 24 columns");
      }
      if (panel.path("type").asString("").equals("row")) {
        continue;
      }
      if (!panel.path("targets").isArray() || panel.path("targets").isEmpty()) {
        problems.add(p + ": no targets");
      }
      for (JsonNode target : panel.path("targets")) {
        String expr = target.path("expr").asString("");
        if (expr.isBlank() || target.path("refId").asString("").isBlank()) {
          problems.add(p + ": a target needs a refId and an expr");
        }
        references(p, PromQl.metrics(expr));
      }
    }
  }

  private void serviceMonitors() {
    for (String service : new TreeSet<>(CrossReferences.SERVICES.keySet())) {
      Manifest target = find("Service", service);
      if (target == null) {
        continue; // the cross-references name a missing Service
      }
      JsonNode labels = target.body().at("/metadata/labels");
      Set<String> ports = new HashSet<>();
      target.spec().path("ports").forEach(p -> ports.add(p.path("name").asString("")));
      boolean scraped = false;
      for (Manifest monitor : of("ServiceMonitor")) {
        boolean selects = true;
        for (Map.Entry<String, JsonNode> label :
            monitor.spec().at("/selector/matchLabels").properties()) {
          selects &= label.getValue().asString().equals(labels.path(label.getKey()).asString(null));
        }
        if (!selects || monitor.spec().at("/selector/matchLabels").isEmpty()) {
          continue;
        }
        for (JsonNode endpoint : monitor.spec().path("endpoints")) {
          String port = endpoint.path("port").asString("");
          if (!ports.contains(port)) {
            problems.add(monitor.id() + ": Service " + service + " has no port '" + port + "'");
          } else if (!endpoint.path("path").asString("").equals("/q/metrics")) {
            problems.add(monitor.id() + ": the services' metrics are at /q/metrics");
          } else {
            scraped = true;
          }
        }
      }
      if (!scraped) {
        problems.add("Service/" + service + ": no ServiceMonitor scrapes it");
      }
      Manifest config = find("ConfigMap", service + "-config");
      if (config != null
          && !"true"
              .equals(
                  config
                      .body()
                      .at("/data/FLIGHTDECK_HTTP_OPERATIONS_ON_PUBLIC_INTERFACE")
                      .asString(""))) {
        problems.add(
            config.id()
                + ": FLIGHTDECK_HTTP_OPERATIONS_ON_PUBLIC_INTERFACE must be \"true\","
                + " or /q/metrics answers the scrape with a 404");
      }
    }
  }

  private void references(String at, Set<String> metrics) {
    for (String metric : metrics) {
      if (!exported.contains(metric)) {
        problems.add(at + ": no service exports the metric " + metric);
      }
    }
  }

  private List<Manifest> of(String kind) {
    return manifests.stream().filter(m -> m.kind().equals(kind)).toList();
  }

  private Manifest find(String kind, String name) {
    return manifests.stream()
        .filter(m -> m.kind().equals(kind) && m.name().equals(name))
        .findFirst()
        .orElse(null);
  }
}
